package dev.cotangent;

/**
 * A function's value and its gradient at one point, from one forward and one reverse sweep.
 *
 * @param value    {@code f(x)}
 * @param gradient {@code ∇f(x)}, of {@code x}'s length
 * @since 0.1
 */
public record ValueAndGradient(double value, double[] gradient) {
}
