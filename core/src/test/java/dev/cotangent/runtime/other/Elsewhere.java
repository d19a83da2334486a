package dev.cotangent.runtime.other;

import dev.cotangent.runtime.DispatchTest;

/** A subclass in another package: its {@code local} does not override the package-private one. */
public class Elsewhere extends DispatchTest.PackageBase {
    /** Not an override: {@code PackageBase.local} is package-private in another package. */
    public String local() {
        return "Elsewhere";
    }

    @Override
    public String shared() {
        return "Elsewhere";
    }
}
