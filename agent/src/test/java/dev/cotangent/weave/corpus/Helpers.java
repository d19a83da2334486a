package dev.cotangent.weave.corpus;

/** Application methods without annotation: differentiated through. */
final class Helpers {

    private Helpers() {}

    static double smoothStep(double x) {
        double t = Math.max(0, Math.min(1, x));
        return t * t * (3 - 2 * t);
    }

    static double poly(double x, int degree) {
        double r = 0;
        for (int i = degree; i >= 0; i--) {
            r = r * x + (i + 1);
        }
        return r;
    }

    static void squareInto(double[] x, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * x[i];
        }
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code Σₙ sin(w·rowsₙ)}, through {@link #dot}. */
    static double dotRows(double[] w, double[][] rows) {
        double s = 0;
        for (double[] row : rows) {
            s += Math.sin(dot(w, row));
        }
        return s;
    }
}
