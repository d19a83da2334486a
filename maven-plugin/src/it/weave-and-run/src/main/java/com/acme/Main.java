package com.acme;

import dev.cotangent.AD;
import dev.cotangent.runtime.DerivativeFactory;

import java.util.Arrays;
import java.util.ServiceLoader;

/** Prints derivatives of the woven model; run with cotangent-core alone on the class path. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.out.println("weaver on the class path: "
                + ServiceLoader.load(DerivativeFactory.class).findFirst().isPresent());
        System.out.println("parsed: " + Model.parse("3", true) + " " + Model.parse("2.5", false));
        double[] x = {1.5, -0.5, 2.0};
        System.out.println("gradient: " + Arrays.toString(AD.gradient(Model::rosenbrock, x)));
        System.out.println("hvp: " + Arrays.toString(AD.hvp(Model::quartic, x, new double[] {1, 2, 3})));
        var energy = AD.function(Model.class, "energy", double.class, Potential.class);
        System.out.println("derivative (quartic): " + energy.jvp(new Object[] {2.0, new Quartic()},
                new Object[] {1.0, null}));
        System.out.println("derivative (well): " + energy.jvp(new Object[] {0.0, new Well()},
                new Object[] {1.0, null}));
        var shapes = AD.function(Shapes.class, "shapes", double.class);
        System.out.println("derivative (shapes): " + shapes.jvp(new Object[] {0.5}, new Object[] {1.0}));
        System.out.println("gradient (shapes): " + shapes.gradient(0.5)[0]);
    }
}
