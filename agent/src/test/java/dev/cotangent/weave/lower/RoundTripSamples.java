package dev.cotangent.weave.lower;

/** Methods that exercise every kind of instruction, for the lift-then-lower round trip. */
public class RoundTripSamples {

    private double scale = 2.0;
    static int counter;

    public static double arithmetic(double x, double y) {
        double a = x * y + x / y - y % 1.5;
        return -a + Math.sin(x) * Math.exp(-y);
    }

    public static long integers(int n, long m) {
        int i = n << 2 | 3;
        i ^= n >>> 1;
        long r = m * i - (m >> 3);
        return r + (short) n + (byte) (n * 7) + (char) n;
    }

    public static double loops(double[] xs) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] > 0) {
                s += xs[i];
            } else if (xs[i] < -1) {
                continue;
            } else {
                s -= 2 * xs[i];
            }
            if (s > 100) {
                break;
            }
        }
        return s;
    }

    public static double matrix(double[][] a, double[] x) {
        double[] y = new double[a.length];
        double[][] copy = new double[a.length][x.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) {
                copy[i][j] = a[i][j];
                y[i] += a[i][j] * x[j];
            }
        }
        return y[y.length - 1] + copy[0][0];
    }

    public static int switches(int k) {
        switch (k) {
            case 0: return 10;
            case 1: return 20;
            case 7: return 70;
            case 1000: return 1;
            default: return -1;
        }
    }

    public static int tableSwitch(int k) {
        return switch (k) {
            case 1 -> 11;
            case 2 -> 22;
            case 3 -> 33;
            default -> 0;
        };
    }

    public double instance(double x) {
        counter++;
        return scale * x + helper(x);
    }

    private double helper(double x) {
        return x > 1 ? Math.log(x) : x * x;
    }

    public static double ternaryAndLongs(double x, long n) {
        long[] arr = {n, n + 1, n * 2};
        long t = arr[1]++;
        double r = x > 0 ? x : -x;
        return r + t + arr[1] + (n > 3 ? 1.0 : 0.0);
    }

    public static String strings(double x, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',');
        }
        return sb + "x=" + x;
    }

    public static double recursive(double x, int n) {
        return n == 0 ? 1.0 : x * recursive(x, n - 1);
    }

    public static double objects(double x) {
        double[] box = new double[] {x};
        Object o = box;
        if (o instanceof double[] d) {
            return d[0] * 3;
        }
        return 0;
    }

    public static int throwing(int x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative: " + x);
        }
        return x * 2;
    }

    public static double dupForms(double[] a, long[] l, int i) {
        a[i] += 1.5;
        l[i] += 3;
        double d = a[i]++;
        long e = l[i]--;
        return d + e + a[i] + l[i];
    }

    public static float floats(float f, double d) {
        float g = f * 2.5f - (float) d;
        return g / 3f + (int) d;
    }

    public static boolean logic(int a, int b, Object o) {
        boolean x = a < b && o != null;
        boolean y = a == b || o == null;
        return x ^ y;
    }
}
