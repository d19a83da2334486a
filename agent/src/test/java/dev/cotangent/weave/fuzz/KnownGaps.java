package dev.cotangent.weave.fuzz;

import java.util.EnumSet;
import java.util.Set;

/**
 * Constructs the generator leaves out for now because the weaver gets them wrong: one
 * constant per known weaver bug, with its smallest reproducer. Run with
 * {@code -Dcotangent.fuzz.gaps=none} to generate them anyway (to check a fix), or with a
 * comma-separated list of constant names to leave out only those.
 */
enum KnownGaps {

    /**
     * An array returned by a call whose arguments are all inactive has no shadow, yet it may
     * become active: written with an active value, or merged by a conditional with an active
     * array. The tangent code and the forward sweep then use its null shadow and throw a
     * NullPointerException ({@code jvp} and {@code gradient} both fail).
     * <pre>
     * static double f(double[] x) {   // x = {-0.93, 0.48}
     *     double[] t = h();
     *     t[0] = x[0] * 2;            // NullPointerException: Cannot store to double array
     *     return t[0];
     * }
     * static double f(double[] x, int n) {   // n = 0
     *     double[] t = h();
     *     double[] u = n > 0 ? x : t;
     *     return 3 * u[0];            // NullPointerException: Cannot load from double array
     * }
     * static double[] h() { return new double[] {1.0, 2.0}; }
     * </pre>
     * With {@code double[] t = {1.0, 2.0}} instead of the call, both are right. Avoided by
     * never writing, aliasing, merging or passing on an array a helper returned.
     */
    INACTIVE_CALL_RESULT_MADE_ACTIVE,

    /**
     * An entry whose array result does not depend on its inputs: {@code vjp} throws a
     * NullPointerException in {@code Values.addInto} (the forward sweep leaves
     * {@code Tape.resultShadow} null) and {@code jvp} returns null rather than zeros.
     * <pre>
     * static double[] f(double[] x) { return new double[] {1.0, 2.0}; }
     * </pre>
     * Avoided by adding a read of a parameter to every element of an entry's array result.
     */
    INACTIVE_ARRAY_RESULT,

    /**
     * Storing an array into a row of a {@code double[][]} parameter: the gradient reported
     * for the parameter shows, in that row, the adjoint of the array stored (its shadow row
     * was replaced along with the row) instead of zeros, since the original row no longer
     * matters. Forward mode is right; reverse mode and the dot-product test fail.
     * <pre>
     * static double f(double[][] w, double[] x) {   // gradient of w is [[3, 0], [0, 0]], should be zeros
     *     w[0] = x;
     *     return 3 * x[0];
     * }
     * </pre>
     * Avoided by storing rows only into matrices the method allocated.
     */
    ROW_STORE_INTO_PARAMETER,

    /**
     * A call with an active argument to a method whose array result does not depend on it:
     * the caller expects a shadow for the result, the callee returns none, and both modes
     * throw a NullPointerException in the caller.
     * <pre>
     * static double f(double[] x) {
     *     double[] t = h(x[0]);       // NullPointerException: Cannot load from double array
     *     return x[1] + t[0];
     * }
     * static double[] h(double p) { return new double[] {0.7, 0.5}; }
     * </pre>
     * Avoided by adding a read of a differentiable parameter to every element of a helper's
     * array result (and giving such helpers one).
     */
    INACTIVE_ARRAY_FROM_ACTIVE_CALL,

    /**
     * The same array element expression passed twice to one call: reverse mode keeps the
     * adjoint of only one of the two parameters (forward mode is right). With a local
     * variable, {@code double v = x[0]; h(v, v)}, the gradient is right.
     * <pre>
     * static double f(double[] x) { return h(x[0], x[0]); }     // gradient 0.5, should be 1.5
     * static double h(double p, double q) { return p + 0.5 * q; }
     * </pre>
     * Also {@code h(a * x[0], a * x[0])}. Avoided by making the double arguments of a call differ.
     */
    REPEATED_CALL_ARGUMENT;

    /** The gaps the generator avoids in this run. */
    static Set<KnownGaps> avoided() {
        String p = System.getProperty("cotangent.fuzz.gaps");
        if (p == null) {
            return EnumSet.allOf(KnownGaps.class);
        }
        Set<KnownGaps> out = EnumSet.noneOf(KnownGaps.class);
        for (String name : p.split(",")) {
            if (!name.isBlank() && !name.trim().equals("none")) {
                out.add(valueOf(name.trim()));
            }
        }
        return out;
    }
}
