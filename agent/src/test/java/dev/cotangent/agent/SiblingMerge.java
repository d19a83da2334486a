package dev.cotangent.agent;

import dev.cotangent.Differentiable;

/**
 * Ordinary Java that merges two sibling types into their common supertype ({@code Integer}
 * and {@code Double} into {@code Number}), beside {@code @Differentiable} methods. The frame
 * at the merge must say {@code Number}: recomputed with {@code Object} as every common
 * supertype, {@code n.doubleValue()} no longer verifies and the class fails to load (issue
 * 12, item 8). {@code flag ? Integer.valueOf(s) : Double.valueOf(s)} would not do: javac
 * unboxes both operands of that conditional, so the merges here are an if/else and a
 * conditional with a cast.
 */
public final class SiblingMerge {

    private SiblingMerge() {}

    @Differentiable
    public static double square(double x) {
        return x * x;
    }

    /** Not differentiated: must keep its bytes, and load. */
    public static double parse(String s, boolean integer) {
        Number n;
        if (integer) {
            n = Integer.valueOf(s);
        } else {
            n = Double.valueOf(s);
        }
        return n.doubleValue();
    }

    /** Differentiated with the merge inside: k·x² with k = 2 or 2.5, whose derivative is 2k·x. */
    @Differentiable
    public static double scaled(double x, boolean integer) {
        Number k = integer ? (Number) Integer.valueOf(2) : Double.valueOf(2.5);
        return k.doubleValue() * x * x;
    }
}
