package dev.cotangent.weave.api;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.GradientFunction;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.Pullback;
import dev.cotangent.ValueAndGradient;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The typed API over generated derivatives: gradients, pullbacks, Jacobians, and their thread safety. */
class ApiTest {

    @Differentiable
    static double energy(double[] x) {
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            e += Math.exp(0.1 * x[i]) * Math.cos(x[(i + 1) % x.length]);
        }
        return e;
    }

    @Differentiable
    static double[] map(double[] x) {
        double[] y = new double[3];
        for (int i = 0; i < x.length; i++) {
            y[i % 3] += Math.sin(x[i]) * (i + 1);
            y[(i + 1) % 3] += x[i] * x[i];
        }
        return y;
    }

    @Differentiable
    static double[] wide(double[] x) {
        double[] y = new double[x.length + 4];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.tanh(x[i % x.length] * (i + 1) * 0.3);
        }
        return y;
    }

    /** Overwrites its argument with squares, then sums: the gradient is 2x. */
    @Differentiable
    static double squaresInPlace(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * x[i];
            s += x[i];
        }
        return s;
    }

    private static double[] point(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void gradientValueAndGradientAndGradientFunctionAgree() {
        double[] x = point(1, 7);
        double[] keep = x.clone();
        double[] g = AD.gradient(ApiTest::energy, x);
        ValueAndGradient vg = AD.valueAndGradient(ApiTest::energy, x);
        GradientFunction gf = AD.gradientFunction(ApiTest::energy);
        double[] into = new double[x.length];
        double value = gf.valueAndGradient(x, into);
        assertThat(vg.value()).isEqualTo(energy(keep.clone()));
        assertThat(value).isEqualTo(vg.value());
        assertThat(vg.gradient()).containsExactly(g);
        assertThat(into).containsExactly(g);
        assertThat(x).as("x is not modified").containsExactly(keep);
        Object numeric = GradCheck.numericJvp(a -> energy(((double[]) a[0]).clone()), new Object[] {x},
                new Object[] {new double[] {1, 0, 0, 0, 0, 0, 0}});
        assertThat(g[0]).isCloseTo((Double) numeric, within(1e-8));
        assertThatThrownBy(() -> gf.valueAndGradient(x, new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3");
    }

    @Test
    void aGradientLeavesArraysTheMethodWritesUnchanged() {
        double[] x = point(4, 6);
        double[] keep = x.clone();
        double[] g = new double[x.length];
        double value = AD.gradientFunction(ApiTest::squaresInPlace).valueAndGradient(x, g);
        assertThat(x).as("x is not modified").containsExactly(keep);
        double[] expected = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            expected[i] = 2 * keep[i];
            sum += keep[i] * keep[i];
        }
        assertThat(value).isEqualTo(sum);
        GradCheck.assertClose(g, expected, 1e-15, 0, "2x");
        assertThat(AD.gradient(ApiTest::squaresInPlace, x)).containsExactly(g);
        assertThat(x).containsExactly(keep);
    }

    @Test
    void aPullbackCanBeAppliedManyTimes() {
        double[] x = point(2, 5);
        Pullback p = AD.vjp(ApiTest::map, x);
        assertThat(p.value()).containsExactly(map(x.clone()));
        for (int k = 0; k < 4; k++) {
            double[] v = point(100 + k, 3);
            double[] u = point(200 + k, 5);
            double[] jvp = AD.jvp(ApiTest::map, x, u);
            double[] vjp = p.apply(v);
            GradCheck.assertDotProduct(u, jvp, v, vjp, 1e-12, "pullback " + k);
        }
    }

    @Test
    void aPullbackOfAMethodWritingItsArraysInPlaceReplaysTheSameAdjoints() {
        double[] x = point(4, 6);
        double[] keep = x.clone();
        DifferentiableFunction f = AD.function(ApiTest.class, "squaresInPlace", double[].class);
        Pullback p = f.pullback(new Object[] {x});
        for (int k = 0; k < 3; k++) {
            double seed = 1.0 + k;
            double[] pulled = (double[]) p.pull(seed)[0];
            double[] expected = (double[]) f.vjp(new Object[] {x}, seed)[0];
            GradCheck.assertClose(pulled, expected, 1e-15, 0, "pull " + k);
        }
        assertThat(x).containsExactly(keep);
        assertThat((Double) p.result()).isEqualTo(f.value(new Object[] {x}));
    }

    @Test
    void jacobianPicksTheCheaperModeAndBothAreRight() {
        double[] x = point(3, 5);
        double[][] reverse = AD.jacobian(ApiTest::map, x);      // 3 outputs < 5 inputs: reverse mode
        double[][] forward = AD.jacobian(ApiTest::wide, x);     // 9 outputs > 5 inputs: forward mode
        for (int j = 0; j < x.length; j++) {
            double[] unit = new double[x.length];
            unit[j] = 1;
            double[] column = AD.jvp(ApiTest::map, x, unit);
            double[] wideColumn = AD.jvp(ApiTest::wide, x, unit);
            for (int i = 0; i < 3; i++) {
                assertThat(reverse[i][j]).isCloseTo(column[i], within(1e-12));
            }
            for (int i = 0; i < wideColumn.length; i++) {
                assertThat(forward[i][j]).isCloseTo(wideColumn[i], within(1e-12));
            }
        }
    }

    @Differentiable
    static double mixed(double a, double[] b, double c) {
        double s = a * c;
        for (double v : b) {
            s += Math.sin(v * a) + v * c;
        }
        return s;
    }

    @Test
    void argnumsSelectWhatIsDifferentiated() {
        var f = AD.function(ApiTest.class, "mixed", double.class, double[].class, double.class);
        Object[] args = {0.7, new double[] {0.1, -0.4, 0.9}, 1.3};
        Object[] all = f.gradient(args);
        var onlyB = f.withRespectTo(1);
        Object[] some = onlyB.gradient(args);
        assertThat(some[0]).isNull();
        assertThat(some[2]).isNull();
        assertThat((double[]) some[1]).containsExactly((double[]) all[1]);
        double jvp = (Double) onlyB.jvp(args, new Object[] {null, new double[] {1, 0, 0}, null});
        assertThat(jvp).isEqualTo(((double[]) all[1])[0], within(1e-15));
        assertThatThrownBy(() -> onlyB.jvp(args, new Object[] {1.0, null, null}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 0 is not among");
        assertThatThrownBy(() -> f.withRespectTo(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gradientsFromEightThreadsMatchOneThread() throws Exception {
        int perThread = 10_000;
        List<double[]> points = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        GradientFunction gf = AD.gradientFunction(ApiTest::energy);
        for (int k = 0; k < 64; k++) {
            double[] x = point(1000 + k, 6);
            points.add(x);
            expected.add(gf.gradient(x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < perThread; i++) {
                        int k = (i * 7 + offset) % points.size();
                        double[] g = i % 2 == 0 ? gf.gradient(points.get(k))
                                : AD.gradient(ApiTest::energy, points.get(k));
                        if (!java.util.Arrays.equals(g, expected.get(k))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdown();
        }
    }
}
