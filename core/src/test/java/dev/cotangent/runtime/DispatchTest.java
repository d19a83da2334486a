package dev.cotangent.runtime;

import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.other.Elsewhere;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Dispatch#implementer} against the JVM itself: each implementation returns its class's
 * simple name, so the call the JVM dispatches says which class it ran, and the class
 * {@code implementer} names must be that one.
 */
public class DispatchTest {

    interface Top {
        String id();
    }

    interface WithDefault extends Top {
        @Override
        default String id() {
            return "WithDefault";
        }
    }

    interface Inheriting extends WithDefault {}

    interface MoreSpecific extends WithDefault {
        @Override
        default String id() {
            return "MoreSpecific";
        }
    }

    static class ThroughSubInterface implements Inheriting {}

    static class BothDefaults implements WithDefault, MoreSpecific {}

    static class Overriding implements MoreSpecific {
        @Override
        public String id() {
            return "Overriding";
        }
    }

    static class SubclassInheritsOverride extends Overriding {}

    static class SuperclassBeatsDefault extends Overriding implements Inheriting {}

    abstract static class Reabstracting implements WithDefault {
        @Override
        public abstract String id();
    }

    static class ImplementsReabstracted extends Reabstracting {
        @Override
        public String id() {
            return "ImplementsReabstracted";
        }
    }

    /** Package-private and public methods, overridden (or not) from another package. */
    public static class PackageBase {
        String local() {
            return "PackageBase";
        }

        public String shared() {
            return "PackageBase";
        }

        public String callLocal() {
            return local();
        }
    }

    private static final String DESCRIPTOR = "()Ljava/lang/String;";

    @Test
    void choosesTheImplementationTheJvmRuns() {
        check(Top.class, new ThroughSubInterface(), Top::id);
        check(Top.class, new BothDefaults(), Top::id);
        check(WithDefault.class, new BothDefaults(), Top::id);
        check(Top.class, new Overriding(), Top::id);
        check(Top.class, new SubclassInheritsOverride(), Top::id);
        check(Top.class, new SuperclassBeatsDefault(), Top::id);
        check(WithDefault.class, new ImplementsReabstracted(), Top::id);
    }

    @Test
    void aPackagePrivateMethodIsOverriddenOnlyFromItsPackage() throws Exception {
        Elsewhere e = new Elsewhere();
        assertThat(e.callLocal()).isEqualTo("PackageBase");
        assertThat(Dispatch.implementer(Elsewhere.class, PackageBase.class, "local", DESCRIPTOR))
                .isEqualTo(PackageBase.class);
        assertThat(((PackageBase) e).shared()).isEqualTo("Elsewhere");
        assertThat(Dispatch.implementer(Elsewhere.class, PackageBase.class, "shared", DESCRIPTOR))
                .isEqualTo(Elsewhere.class);
    }

    @Test
    void aReceiverWithoutAnImplementationIsReportedAsTheCallWouldFail() {
        assertThatThrownBy(() -> Dispatch.implementer(Reabstracting.class, Top.class, "id", DESCRIPTOR))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageContaining("has no implementation to differentiate (it is abstract in "
                        + Reabstracting.class.getName() + ")")
                .hasMessageContaining("id()");
    }

    /**
     * Core alone has no weaver: an implementation (or a lambda) whose derivative was not woven
     * ahead of time is a clear error that says how to get one, not a wrong derivative.
     */
    @Test
    void withoutAWeaverADerivativeNotWovenAheadOfTimeIsAClearError() {
        assertThatThrownBy(() -> Dispatch.derivative(Overriding.class, Top.class, "id", DESCRIPTOR, Mode.TANGENT,
                Mode.ALL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the derivative TANGENT of " + Overriding.class.getName() + ".id is not in its class")
                .hasMessageContaining("cotangent-agent");
        Top lambda = () -> "lambda";
        assertThatThrownBy(() -> Dispatch.derivative(lambda.getClass(), Top.class, "id", DESCRIPTOR, Mode.TANGENT,
                Mode.ALL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the derivative of the lambda " + lambda.getClass().getName() + " (written in "
                        + DispatchTest.class.getName() + ") is made at run time, and no weaver is on the class path")
                .hasMessageContaining("cotangent-agent");
    }

    private static void check(Class<?> owner, Top receiver, Function<Top, String> call) {
        String ran = call.apply(receiver);
        Class<?> chosen = Dispatch.implementer(receiver.getClass(), owner, "id", DESCRIPTOR);
        assertThat(chosen.getSimpleName()).as(receiver.getClass().getSimpleName() + " through " + owner.getSimpleName())
                .isEqualTo(ran);
    }
}
