package dev.cotangent.weave.fuzz;

/**
 * What the probe twin of a generated program (see {@link ProbeTwin}) calls in place of its
 * {@code dcmpl}/{@code dcmpg} instructions and of {@code Math.max}, {@code min} and
 * {@code abs}: it records each outcome and how close the compared values were, so that
 * {@link SmoothPoints} can reject test points near a kink.
 *
 * <p>Not thread-safe: the fuzz test runs one program at a time.
 */
public final class Probe {

    private static final int LIMIT = 1 << 20;
    private static final StringBuilder TRACE = new StringBuilder();
    private static double margin = Double.POSITIVE_INFINITY;

    private Probe() {}

    /** Forgets what was recorded. */
    public static void reset() {
        TRACE.setLength(0);
        margin = Double.POSITIVE_INFINITY;
    }

    /** The outcomes since {@link #reset}, one character each. */
    public static String trace() {
        return TRACE.toString();
    }

    /** The smallest distance from a tie since {@link #reset} (0 if a NaN was compared). */
    public static double margin() {
        return margin;
    }

    /** {@code dcmpl}: −1, 0 or 1, and −1 if either is NaN. */
    public static int dcmpl(double a, double b) {
        return note(a - b, a > b ? 1 : a == b ? 0 : -1);
    }

    /** {@code dcmpg}: −1, 0 or 1, and 1 if either is NaN. */
    public static int dcmpg(double a, double b) {
        return note(a - b, a < b ? -1 : a == b ? 0 : 1);
    }

    public static double max(double a, double b) {
        note(a - b, a > b ? 1 : 0);
        return Math.max(a, b);
    }

    public static double min(double a, double b) {
        note(a - b, a < b ? 1 : 0);
        return Math.min(a, b);
    }

    public static double abs(double a) {
        note(a, a > 0 ? 1 : 0);
        return Math.abs(a);
    }

    private static int note(double gap, int outcome) {
        margin = Double.isNaN(gap) ? 0 : Math.min(margin, Math.abs(gap));
        if (TRACE.length() < LIMIT) {
            TRACE.append((char) ('1' + outcome));
        }
        return outcome;
    }
}
