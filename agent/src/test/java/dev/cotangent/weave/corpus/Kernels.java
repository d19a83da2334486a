package dev.cotangent.weave.corpus;

/**
 * Lambdas and method references implementing the user's own interfaces, written in a class of
 * their own: in static final fields (two of one shape), a static initialiser's lambda that
 * captures a local, and a factory whose lambda captures its arguments.
 */
public final class Kernels {

    private Kernels() {}

    /** A kernel between two values. */
    @FunctionalInterface
    public interface Kernel {
        double k(double a, double b);

        /** A default method of the lambda's interface, which calls the lambda. */
        default double onDiagonal(double a) {
            return 2 * k(a, a);
        }
    }

    /** A kernel between two vectors. */
    @FunctionalInterface
    public interface VectorKernel {
        double k(double[] a, double[] b);
    }

    /** A Gaussian kernel. */
    public static final Kernel RBF = (a, b) -> Math.exp(-(a - b) * (a - b));
    /** The same shape as {@link #RBF}: told apart by the field that holds it. */
    public static final Kernel LINEAR = (a, b) -> a * b + 0.5 * a;
    /** A method reference. */
    public static final Kernel PRODUCT = Kernels::product;
    /** Over arrays. */
    public static final VectorKernel DOT = (a, b) -> {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s * s;
    };
    /** Captures a local of the static initialiser. */
    public static final Kernel SCALED;

    static {
        double gamma = 0.75;
        SCALED = (a, b) -> gamma * a * b + Math.sin(a);
    }

    public static double product(double a, double b) {
        return a * b * b;
    }

    /** A lambda that captures the factory's arguments. */
    public static Kernel polynomial(double c, int degree) {
        return (a, b) -> {
            double base = a * b + c;
            double p = 1;
            for (int i = 0; i < degree; i++) {
                p *= base;
            }
            return p;
        };
    }
}
