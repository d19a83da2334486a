package dev.cotangent.weave.corpus;

/**
 * Types whose methods differentiated code calls virtually: overrides, default methods reached
 * through sub-interfaces, the most specific of two defaults, re-abstraction, template methods,
 * and private, final and static methods, which do not dispatch. Public, so that a class
 * compiled and loaded while the tests run may implement them.
 */
public final class Hierarchy {

    private Hierarchy() {}

    /** A function of one variable. */
    public interface Curve {
        double at(double x);
    }

    /** A default method. */
    public interface Cubic extends Curve {
        @Override
        default double at(double x) {
            return x * x * x;
        }
    }

    /** Declares nothing: {@link Cubic}'s default runs. */
    public interface Named extends Cubic {
        default String name() {
            return "named";
        }
    }

    /** Inherits the default through a sub-interface. */
    public static final class ThroughSubInterface implements Named {}

    /** A more specific default than {@link Cubic}'s. */
    public interface Quartic extends Cubic {
        @Override
        default double at(double x) {
            return x * x * x * x + Cubic.super.at(x);
        }
    }

    /** Implements both: the most specific default, {@link Quartic}'s, runs. */
    public static final class BothDefaults implements Cubic, Quartic {}

    /** Re-abstraction: the default of {@link Cubic} is declared abstract again. */
    public interface Reabstracted extends Cubic {
        @Override
        double at(double x);
    }

    /** Must implement the re-abstracted method. */
    public static final class Sine implements Reabstracted {
        @Override
        public double at(double x) {
            return Math.sin(x);
        }
    }

    /** An abstract class that re-abstracts an inherited default, and its subclass. */
    public abstract static class AbstractCurve implements Cubic {
        @Override
        public abstract double at(double x);
    }

    /** Implements {@link AbstractCurve}: a polynomial. */
    public static class Parabola extends AbstractCurve {
        @Override
        public double at(double x) {
            return 0.5 * x * x - x;
        }
    }

    /** Overrides a class's implementation, and calls it with {@code super}. */
    public static final class SteeperParabola extends Parabola {
        @Override
        public double at(double x) {
            return 3 * super.at(x) + Math.exp(x);
        }
    }

    /** Template method: a concrete method of the base calls an abstract step. */
    public abstract static class Integrator {
        abstract double step(double t);

        /** Σ step(x·i/n)/n for i = 1…n: the base's code, the subclass's step. */
        public double integrate(double x, int n) {
            double s = 0;
            for (int i = 1; i <= n; i++) {
                s += step(x * i / n);
            }
            return s / n;
        }
    }

    /** One step. */
    public static class Squares extends Integrator {
        @Override
        double step(double t) {
            return t * t;
        }
    }

    /** Overrides a step that overrides the abstract one. */
    public static final class Exponentials extends Squares {
        @Override
        double step(double t) {
            return Math.exp(t) + super.step(t);
        }
    }

    /** Private, final and static methods: called by the base, never replaced by the subclass's namesakes. */
    public static class Base {
        public double value(double x) {
            return x + hidden(x) + fixed(x) + scale(x);
        }

        private double hidden(double x) {
            return 2 * x;
        }

        public final double fixed(double x) {
            return x * x;
        }

        static double scale(double x) {
            return 3 * x;
        }
    }

    /** Overrides {@code value} only; its {@code hidden} and {@code scale} are not overrides. */
    public static final class Derived extends Base {
        @Override
        public double value(double x) {
            return Math.sin(x) * super.value(x) + hidden(x) + scale(x);
        }

        private double hidden(double x) {
            return 100 * x * x;
        }

        static double scale(double x) {
            return 1000 * x;
        }
    }

    /** Arrays through interface calls: each implementation receives the shadow of its argument. */
    public interface Loss {
        double of(double[] w, double[] into);
    }

    /** Writes into its second argument and reads it back. */
    public static final class SquaredError implements Loss {
        @Override
        public double of(double[] w, double[] into) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                into[i] = w[i] - 1;
                s += into[i] * into[i];
            }
            return s;
        }
    }

    /** A different body for the same call. */
    public static final class LogCosh implements Loss {
        @Override
        public double of(double[] w, double[] into) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                into[i] = Math.tanh(w[i]);
                s += Math.log(Math.cosh(w[i])) * into[i];
            }
            return s;
        }
    }
}
