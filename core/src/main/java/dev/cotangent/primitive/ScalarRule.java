package dev.cotangent.primitive;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;

/**
 * How a rank-0 primitive's result depends on one argument. At rank 0 every einsum with one
 * tangent slot is a product, so a rule is its derivative value {@code d} alone and
 * {@code B(d, u) = d·u = Bᵀ(d, u)}; identity and negation are kept symbolic so that no
 * multiplication by ±1 is emitted, and zero so that nothing is.
 *
 * <p>Derivative values are non-capturing lambdas. The weaver inlines their bytecode into
 * generated methods, so woven code does plain arithmetic with no call and no object
 * ({@link Derivative#implementation()} names the method that holds the bytecode).
 *
 * @since 0.1
 */
public sealed interface ScalarRule {

    /** {@code d = 1}. */
    record Identity() implements ScalarRule {}

    /** {@code d = −1}. */
    record Negate() implements ScalarRule {}

    /** {@code d = 0}: no derivative flows. */
    record Zero() implements ScalarRule {}

    /** {@code d} computed from the arguments and the result. */
    record Derivative(Value value) implements ScalarRule {

        /** The derivative value at these arguments with result {@code y}. */
        public double at(double[] args, double y) {
            return value.at(args, y);
        }

        /** The static method holding the lambda's body: parameters are the arguments, then the result. */
        public MethodKey implementation() {
            SerializedLambda lambda = Lambdas.serialized(value);
            if (lambda == null) {
                throw new IllegalStateException("scalar derivative " + value + " is not a serializable lambda");
            }
            return Lambdas.implementation(lambda);
        }
    }

    /** A derivative value of any arity, as the tables declare it. */
    sealed interface Value extends Serializable permits D1, D2, D3 {
        double at(double[] args, double y);
    }

    /** {@code d(x, y)} of a one-argument function. */
    @FunctionalInterface
    non-sealed interface D1 extends Value {
        double of(double x, double y);

        @Override
        default double at(double[] args, double y) {
            return of(args[0], y);
        }
    }

    /** {@code d(a, b, y)} of a two-argument function. */
    @FunctionalInterface
    non-sealed interface D2 extends Value {
        double of(double a, double b, double y);

        @Override
        default double at(double[] args, double y) {
            return of(args[0], args[1], y);
        }
    }

    /** {@code d(a, b, c, y)} of a three-argument function. */
    @FunctionalInterface
    non-sealed interface D3 extends Value {
        double of(double a, double b, double c, double y);

        @Override
        default double at(double[] args, double y) {
            return of(args[0], args[1], args[2], y);
        }
    }
}
