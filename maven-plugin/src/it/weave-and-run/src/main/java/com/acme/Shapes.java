package com.acme;

import dev.cotangent.Differentiable;

/** Virtual dispatch and lambdas, woven ahead of time: nothing is made at run time. */
public final class Shapes {

    private Shapes() {}

    /** A default method. */
    public interface Curve {
        default double at(double x) {
            return x * x * x;
        }
    }

    /** Declares nothing: {@link Curve}'s default runs. */
    public interface Named extends Curve {}

    /** Reaches the default through a sub-interface. */
    public static final class Cube implements Named {}

    /** A template method. */
    public abstract static class Template {
        abstract double step(double t);

        public double twice(double x) {
            return step(x) + step(2 * x);
        }
    }

    /** Its step. */
    public static final class Sines extends Template {
        @Override
        double step(double t) {
            return Math.sin(t);
        }
    }

    /** Implemented by lambdas. */
    public interface Kernel {
        double k(double a, double b);
    }

    /** A lambda in a static final field. */
    public static final Kernel PRODUCT = (a, b) -> a * b * b;

    /** x³ + sin x + sin 2x + 4x + (x²/2 + 1) + x², through a default method, a template and four lambdas. */
    @Differentiable
    public static double shapes(double x) {
        Curve c = new Cube();
        Template t = new Sines();
        double s = 0.5 * x;
        Kernel scaled = (a, b) -> s * a + b;
        Kernel square = (a, b) -> a * a + b;
        return c.at(x) + t.twice(x) + PRODUCT.k(x, 2) + scaled.k(x, 1) + apply(square, x);
    }

    static double apply(Kernel k, double a) {
        return k.k(a, 0);
    }
}
