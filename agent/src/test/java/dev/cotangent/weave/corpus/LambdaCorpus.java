package dev.cotangent.weave.corpus;

import dev.cotangent.Differentiable;
import dev.cotangent.weave.corpus.Hierarchy.Curve;
import dev.cotangent.weave.corpus.Kernels.Kernel;
import dev.cotangent.weave.corpus.Kernels.VectorKernel;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Lambdas and method references inside differentiated code: their bodies are differentiated,
 * with the values they captured (active ones too, when the lambda is made in the method).
 */
public final class LambdaCorpus {

    /** In a static final field of this class. */
    static final Kernel LOCAL = (a, b) -> Math.sin(a) * Math.cos(b);

    private final Kernel kernel;
    private final double scale;

    public LambdaCorpus(Kernel kernel, double scale) {
        this.kernel = kernel;
        this.scale = scale;
    }

    /** Lambdas and a method reference in static final fields, of this class and of another. */
    @Differentiable
    public static double staticFieldLambdas(double x, double y) {
        return LOCAL.k(x, y) + Kernels.RBF.k(x, 0.3) + 2 * Kernels.LINEAR.k(x, y) + Kernels.PRODUCT.k(y, x)
                + Kernels.SCALED.k(x, y) + Kernels.DOT.k(new double[] {x, y}, new double[] {y, 1});
    }

    /** Made here, capturing an active value. */
    @Differentiable
    public static double capturesActive(double[] x) {
        double s = x[0];
        Kernel k = (a, b) -> s * a * b + Math.sin(s);
        double t = 0;
        for (int i = 1; i < x.length; i++) {
            t += k.k(x[i], x[i - 1]);
        }
        return t;
    }

    /** Made here, capturing an active array (which it reads and writes), a double and an int. */
    @Differentiable
    public static double capturesArrays(double[] x, double c) {
        double[] buffer = new double[2];
        int n = x.length;
        Kernel k = (a, b) -> {
            buffer[0] = a * x[n - 1];
            return buffer[0] * c + b * x[0];
        };
        return k.k(x[1], x[2]) + buffer[0] * k.k(c, x[0]);
    }

    /** A new lambda each iteration, capturing the iteration's value; a vector kernel over an active array. */
    @Differentiable
    public static double lambdasInALoop(double[] x) {
        double t = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            Kernel k = (a, b) -> xi * a + b * b;
            t += k.k(x[(i + 1) % x.length], xi);
        }
        double total = t;
        VectorKernel weighted = (a, b) -> a[0] * b[0] + total * a[1];
        return weighted.k(x, x);
    }

    /** Method references: static, bound to an object (whose override runs), and to this class's lambda body. */
    @Differentiable
    public static double methodReferences(double x, double y) {
        Kernel cross = LambdaCorpus::cross;
        Curve bound = new Hierarchy.SteeperParabola()::at;
        Kernel product = Kernels::product;
        return cross.k(x, y) + bound.at(x) * product.k(y, 0.5);
    }

    /** Captures this, and a method reference bound to this. */
    @Differentiable
    public double capturesThis(double x) {
        Kernel k = (a, b) -> scale * a * b;
        Kernel own = this::weighted;
        return k.k(x, x) + own.k(x, 2);
    }

    /** A lambda from a field of the object: found at run time, its captured values constants. */
    @Differentiable
    public double fromInstanceField(double x, double y) {
        return kernel.k(x, y) + kernel.onDiagonal(y);
    }

    /** Lambdas handed to a helper: from a static field (one of two alike) and from a factory. */
    @Differentiable
    public static double handedToHelper(double x, double y) {
        return apply(Kernels.LINEAR, x, y) + apply(Kernels.RBF, x, y) + apply(Kernels.polynomial(0.5, 3), y, x);
    }

    /** The JDK's functional interfaces, with lambdas and a method reference made here. */
    @Differentiable
    public static double jdkInterfaces(double x) {
        DoubleUnaryOperator square = t -> t * t;
        DoubleBinaryOperator hypot = Math::hypot;
        return square.applyAsDouble(x) + hypot.applyAsDouble(x, 2) + square.andThen(Math::sin).applyAsDouble(0.5);
    }

    /** A power with an integer exponent. */
    interface Power {
        double of(int n, double x);
    }

    /** Method references whose methods take a wider type than the interface's: made here, and handed on. */
    @Differentiable
    public static double widenedArguments(double x) {
        Power pow = Math::pow;
        Power scaled = LambdaCorpus::scaled;
        return pow.of(3, x) + scaled.of(2, x) + applyPower(pow, 2, x * x);
    }

    static double scaled(long n, double x) {
        return n * Math.sin(x);
    }

    static double applyPower(Power p, int n, double x) {
        return p.of(n, x);
    }

    /** A JDK functional interface as a helper's parameter: the lambda made here runs there. */
    @Differentiable
    public static double jdkInterfaceHandedOn(double x) {
        return twice(t -> Math.sin(t) * t, x) + twice(new Halving(), x);
    }

    /** A class of the application implementing a JDK functional interface. */
    static final class Halving implements DoubleUnaryOperator {
        @Override
        public double applyAsDouble(double t) {
            return 0.5 * t * t;
        }
    }

    static double twice(DoubleUnaryOperator f, double x) {
        return f.applyAsDouble(f.applyAsDouble(x));
    }

    static double apply(Kernel k, double a, double b) {
        return k.k(a, b);
    }

    static double cross(double a, double b) {
        return a * Math.exp(b);
    }

    double weighted(double a, double b) {
        return scale * a + b * a * a;
    }
}
