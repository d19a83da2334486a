package dev.cotangent.runtime;

/**
 * Where a generated tangent method leaves the tangent of its result, since a JVM method
 * returns one value: {@link #real} for a {@code double} result, {@link #ref} for an array
 * or tensor. One instance serves a whole call tree: a caller reads it right after each call.
 *
 * <p>Part of the small surface woven code calls; not for users.
 */
public final class TangentOut {
    /** The tangent of a {@code double} result. */
    public double real;
    /** The tangent of an array ({@code double[]}, …) or tensor result. */
    public Object ref;
}
