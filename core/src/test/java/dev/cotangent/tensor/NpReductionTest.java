package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static dev.cotangent.tensor.Naive.assertClose;
import static dev.cotangent.tensor.Naive.assertExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Reductions, cumulative sums, softmax and arg-extrema against loops over the reduced elements. */
class NpReductionTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double TOL = 1e-14;

    /** A reduction under test: {@code (x, axes, keepdims) -> result}. */
    interface Reduction {
        Tensor apply(Tensor x, int[] axes, boolean keepdims);
    }

    static Stream<Arguments> reductions() {
        return Stream.of(
                arguments("sum", (Reduction) Np::sum, (ToDoubleFunction<double[]>) NpReductionTest::sum),
                arguments("mean", (Reduction) Np::mean, (ToDoubleFunction<double[]>) v -> sum(v) / v.length),
                arguments("prod", (Reduction) Np::prod, (ToDoubleFunction<double[]>) NpReductionTest::prod),
                arguments("max", (Reduction) Np::max, (ToDoubleFunction<double[]>) v -> extreme(v, true)),
                arguments("min", (Reduction) Np::min, (ToDoubleFunction<double[]>) v -> extreme(v, false)),
                arguments("var", (Reduction) Np::var, (ToDoubleFunction<double[]>) NpReductionTest::variance),
                arguments("std", (Reduction) Np::std, (ToDoubleFunction<double[]>) v -> Math.sqrt(variance(v))),
                arguments("logsumexp", (Reduction) Np::logsumexp,
                        (ToDoubleFunction<double[]>) v -> Math.log(sum(Arrays.stream(v).map(Math::exp).toArray()))));
    }

    /** Axis sets for a rank-3 tensor: none listed (all), single, negative, several, unordered, empty. */
    private static final int[][] AXES = {null, {0}, {1}, {2}, {-1}, {-3}, {0, 2}, {2, 0}, {-1, 0}, {1, 2}, {0, 1, 2}, {}};

    @ParameterizedTest(name = "{0}")
    @MethodSource("reductions")
    void reducesAlongAnyAxesAsNumpy(String name, Reduction f, ToDoubleFunction<double[]> reference) {
        Tensor x = Naive.random(31, 2, 3, 4);
        for (int[] axes : AXES) {
            for (boolean keepdims : new boolean[] {false, true}) {
                Tensor expected = reduce(x, axes, keepdims, reference);
                assertThat(f.apply(x, axes, keepdims).shape()).as("%s axes %s keepdims %s", name,
                        Arrays.toString(axes), keepdims).isEqualTo(expected.shape());
                assertClose(f.apply(x, axes, keepdims), expected, TOL);
            }
        }
        // Unit axes, reduced or kept, take other paths through the kernel.
        Tensor u = Naive.random(37, 2, 1, 3, 1);
        for (int[] axes : new int[][] {{1}, {3}, {1, 3}, {0, 3}, {2}, {0, 2}, {-3, 0}}) {
            for (boolean keepdims : new boolean[] {false, true}) {
                assertClose(f.apply(u, axes, keepdims), reduce(u, axes, keepdims, reference), TOL);
            }
        }
        // Rank 0 reduces to itself (var and std to 0).
        Tensor s = Tensor.scalar(1.5);
        assertClose(f.apply(s, null, false), Tensor.scalar(reference.applyAsDouble(new double[] {1.5})), TOL);
        assertClose(f.apply(s, null, true), Tensor.scalar(reference.applyAsDouble(new double[] {1.5})), TOL);
    }

    @Test
    void shortOverloadsFillInNumpysDefaults() {
        Tensor x = Naive.random(32, 3, 5);
        assertExactly(Np.sum(x), Np.sum(x, null, false));
        assertExactly(Np.sum(x, 1), Np.sum(x, new int[] {1}, false));
        assertExactly(Np.sum(x, -1, true), Np.sum(x, new int[] {1}, true));
        assertExactly(Np.sum(x, new int[] {0}), Np.sum(x, new int[] {0}, false));
        assertExactly(Np.mean(x), Np.mean(x, null, false));
        assertExactly(Np.mean(x, 0), Np.mean(x, new int[] {0}, false));
        assertExactly(Np.mean(x, 0, true), Np.mean(x, new int[] {0}, true));
        assertExactly(Np.mean(x, new int[] {1}), Np.mean(x, new int[] {1}, false));
        assertExactly(Np.prod(x), Np.prod(x, null, false));
        assertExactly(Np.prod(x, 1), Np.prod(x, new int[] {1}, false));
        assertExactly(Np.max(x), Np.max(x, null, false));
        assertExactly(Np.max(x, 1), Np.max(x, new int[] {1}, false));
        assertExactly(Np.max(x, 1, true), Np.max(x, new int[] {1}, true));
        assertExactly(Np.min(x), Np.min(x, null, false));
        assertExactly(Np.min(x, 0), Np.min(x, new int[] {0}, false));
        assertExactly(Np.min(x, 0, true), Np.min(x, new int[] {0}, true));
        assertExactly(Np.var(x), Np.var(x, null, false));
        assertExactly(Np.var(x, 1), Np.var(x, new int[] {1}, false));
        assertExactly(Np.std(x), Np.std(x, null, false));
        assertExactly(Np.std(x, 0), Np.std(x, new int[] {0}, false));
        assertExactly(Np.logsumexp(x), Np.logsumexp(x, null, false));
        assertExactly(Np.logsumexp(x, -1), Np.logsumexp(x, new int[] {1}, false));
        assertThat(Np.sum(x).shape()).isEmpty();
    }

    @Test
    void emptyReductionsGiveTheIdentityOrNan() {
        Tensor empty = Tensor.zeros(0, 3);
        assertExactly(Np.sum(empty, 0), Tensor.zeros(3));
        assertExactly(Np.prod(empty, 0), Tensor.ones(3));
        assertExactly(Np.mean(empty, 0), Tensor.full(NAN, 3));
        assertExactly(Np.sum(empty), Tensor.scalar(0));
        assertExactly(Np.max(empty, 1), Tensor.zeros(0));
        assertExactly(Np.sum(empty, 1, true), Tensor.zeros(0, 1));
    }

    @Test
    void maxAndMinPropagateNan() {
        Tensor x = Tensor.of(new double[][] {{1, NAN, 3}, {4, 5, -INF}});
        assertExactly(Np.max(x, 1), Tensor.of(new double[] {NAN, 5}));
        assertExactly(Np.min(x, 1), Tensor.of(new double[] {NAN, -INF}));
        assertExactly(Np.max(x, 0), Tensor.of(new double[] {4, NAN, 3}));
        assertThat(Np.max(x).item()).isNaN();
        assertThat(Np.sum(x).item()).isNaN();
    }

    @Test
    void longSumsAndVariancesStayAccurate() {
        double[] tenths = new double[1_000_000];
        Arrays.fill(tenths, 0.1);
        // Pairwise summation: the error grows like log n, not n (a running sum is off by ~1e-6 here).
        assertThat(Np.sum(Tensor.of(tenths)).item()).isCloseTo(100_000, org.assertj.core.api.Assertions.within(1e-8));
        // Two-pass variance: a large offset does not wipe out the spread.
        Tensor shifted = Tensor.of(new double[] {1e9, 1e9 + 1, 1e9 + 2, 1e9 + 3});
        assertThat(Np.var(shifted).item()).isEqualTo(1.25);
        assertThat(Np.std(Tensor.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9})).item()).isEqualTo(2.0);
    }

    @Test
    void logsumexpIsStableForLargeAndSmallInputs() {
        assertThat(Np.logsumexp(Tensor.of(new double[] {1000, 1000})).item()).isEqualTo(1000 + Math.log(2));
        assertThat(Np.logsumexp(Tensor.of(new double[] {-1000, -1000})).item()).isEqualTo(-1000 + Math.log(2));
        assertThat(Np.logsumexp(Tensor.of(new double[] {1000, 0})).item()).isEqualTo(1000);
        Tensor rows = Tensor.of(new double[][] {{1000, 999, 998}, {-1000, -1001, -1002}});
        double tail = Math.log1p(Math.exp(-1) + Math.exp(-2));
        assertClose(Np.logsumexp(rows, 1), Tensor.of(new double[] {1000 + tail, -1000 + tail}), TOL);
        assertClose(Np.logsumexp(rows, new int[] {1}, true), Tensor.of(new double[] {1000 + tail, -1000 + tail}, 2, 1), TOL);
        assertExactly(Np.logsumexp(Tensor.of(new double[] {-INF, -INF})), Tensor.scalar(-INF));
        assertExactly(Np.logsumexp(Tensor.of(new double[] {INF, 1})), Tensor.scalar(INF));
        assertExactly(Np.logsumexp(Tensor.of(new double[] {-INF, 2})), Tensor.scalar(2));
        assertThat(Np.logsumexp(Tensor.of(new double[] {NAN, 1})).item()).isNaN();
    }

    @Test
    void cumsumRunsAlongAnAxisOrTheFlattenedTensor() {
        Tensor x = Naive.random(33, 2, 3, 4);
        for (int axis = -3; axis < 3; axis++) {
            int ax = (axis + 3) % 3;
            Tensor expected = Naive.build(x.shape(), i -> {
                double s = 0;
                for (int k = 0; k <= i[ax]; k++) {
                    int[] j = i.clone();
                    j[ax] = k;
                    s += Naive.at(x, j);
                }
                return s;
            });
            assertClose(Np.cumsum(x, axis), expected, TOL);
        }
        double[] flat = x.toArray();
        double[] running = new double[flat.length];
        double s = 0;
        for (int i = 0; i < flat.length; i++) {
            s += flat[i];
            running[i] = s;
        }
        assertClose(Np.cumsum(x), Tensor.of(running), TOL);
        assertExactly(Np.cumsum(Tensor.scalar(2)), Tensor.of(new double[] {2}));
        assertExactly(Np.cumsum(Tensor.zeros(2, 0), 1), Tensor.zeros(2, 0));
    }

    @Test
    void softmaxIsAProbabilityVectorAlongTheAxis() {
        Tensor x = Naive.random(34, 3, 4, 5);
        for (int axis = -3; axis < 3; axis++) {
            int ax = (axis + 3) % 3;
            Tensor p = Np.softmax(x, axis);
            assertThat(Arrays.stream(p.toArray()).allMatch(v -> v >= 0 && v <= 1)).isTrue();
            int[] kept = x.shape();
            kept[ax] = 1;
            assertClose(Np.sum(p, axis, true), Tensor.ones(kept), TOL);
            // exp(x)/Σexp(x) computed naively is fine for |x| < 3.
            Tensor expected = Naive.build(x.shape(), i -> {
                double z = 0;
                for (int k = 0; k < x.shape()[ax]; k++) {
                    int[] j = i.clone();
                    j[ax] = k;
                    z += Math.exp(Naive.at(x, j));
                }
                return Math.exp(Naive.at(x, i)) / z;
            });
            assertClose(p, expected, TOL);
            assertClose(Np.log_softmax(x, axis), Naive.build(x.shape(), i -> Math.log(Naive.at(expected, i))), TOL);
        }
        assertExactly(Np.softmax(x), Np.softmax(x, -1));
        assertExactly(Np.log_softmax(x), Np.log_softmax(x, -1));
    }

    @Test
    void softmaxIsStableAndShiftInvariant() {
        Tensor big = Tensor.of(new double[] {1000, 1000, 999});
        double e = Math.exp(-1);
        assertClose(Np.softmax(big), Tensor.of(new double[] {1 / (2 + e), 1 / (2 + e), e / (2 + e)}), TOL);
        assertClose(Np.log_softmax(Tensor.of(new double[] {1000, 0})), Tensor.of(new double[] {0, -1000}), TOL);
        // Digits are relative to the result, not to |x|: a = 1000.1 and b = 1000.2 differ by d exactly.
        double a = 1000.1;
        double b = 1000.2;
        double d = b - a;
        assertClose(Np.log_softmax(Tensor.of(new double[] {a, b})),
                Tensor.of(new double[] {-Math.log1p(Math.exp(d)), -Math.log1p(Math.exp(-d))}), 1e-15);
        assertClose(Np.softmax(Tensor.of(new double[] {a, b})),
                Tensor.of(new double[] {1 / (1 + Math.exp(d)), 1 / (1 + Math.exp(-d))}), 1e-15);
        assertClose(Np.softmax(Tensor.of(new double[] {-1000, -1000})), Tensor.of(new double[] {0.5, 0.5}), TOL);
        Tensor x = Naive.random(35, 4, 6);
        assertClose(Np.softmax(Np.add(x, Tensor.scalar(500)), 1), Np.softmax(x, 1), TOL);
    }

    @Test
    void argmaxAndArgminTakeTheFirstOnTies() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 3, 0}, {2, 2, 2, 2}, {-1, 5, -7, -7}});
        assertExactly(Np.argmax(x, 1), Tensor.of(new double[] {1, 0, 1}));
        assertExactly(Np.argmin(x, 1), Tensor.of(new double[] {3, 0, 2}));
        assertExactly(Np.argmax(x, 0), Tensor.of(new double[] {1, 2, 0, 1}));
        assertExactly(Np.argmin(x, -2), Tensor.of(new double[] {2, 1, 2, 2}));
        // NaN counts as the extreme, the first one wins.
        assertExactly(Np.argmax(Tensor.of(new double[] {1, NAN, 5, NAN}), 0), Tensor.scalar(1));
        assertExactly(Np.argmin(Tensor.of(new double[] {1, NAN, -5, NAN}), 0), Tensor.scalar(1));
        Tensor r = Naive.random(36, 3, 4, 5);
        for (int axis = 0; axis < 3; axis++) {
            int ax = axis;
            int[] outShape = Naive.remove(r.shape(), ax);
            Tensor expected = Naive.build(outShape, i -> {
                int best = 0;
                for (int k = 1; k < r.shape()[ax]; k++) {
                    if (Naive.at(r, Naive.insert(i, ax, k)) > Naive.at(r, Naive.insert(i, ax, best))) {
                        best = k;
                    }
                }
                return best;
            });
            assertExactly(Np.argmax(r, axis), expected);
            assertExactly(Np.argmin(Np.negative(r), axis), expected);
        }
    }

    // ---------------------------------------------------------------- references

    /** {@code f} of the elements that share each output index, numpy's reduction contract. */
    private static Tensor reduce(Tensor x, int[] axes, boolean keepdims, ToDoubleFunction<double[]> f) {
        int[] shape = x.shape();
        boolean[] reduced = new boolean[shape.length];
        for (int d = 0; d < shape.length; d++) {
            reduced[d] = axes == null;
        }
        if (axes != null) {
            for (int a : axes) {
                reduced[(a + shape.length) % shape.length] = true;
            }
        }
        List<Integer> outDims = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d] || keepdims) {
                outDims.add(reduced[d] ? 1 : shape[d]);
            }
        }
        int[] outShape = outDims.stream().mapToInt(Integer::intValue).toArray();
        return Naive.build(outShape, out -> {
            List<Double> values = new ArrayList<>();
            for (int flat = 0; flat < Naive.size(shape); flat++) {
                int[] in = Naive.unflat(shape, flat);
                boolean match = true;
                for (int d = 0, o = 0; d < shape.length; d++) {
                    if (!reduced[d]) {
                        match &= in[d] == out[o];
                    }
                    if (!reduced[d] || keepdims) {
                        o++;
                    }
                }
                if (match) {
                    values.add(Naive.at(x, in));
                }
            }
            return f.applyAsDouble(values.stream().mapToDouble(Double::doubleValue).toArray());
        });
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double prod(double[] v) {
        double p = 1;
        for (double x : v) {
            p *= x;
        }
        return p;
    }

    private static double extreme(double[] v, boolean max) {
        double best = max ? -INF : INF;
        for (double x : v) {
            if (Double.isNaN(x)) {
                return NAN;
            }
            best = max ? Math.max(best, x) : Math.min(best, x);
        }
        return best;
    }

    private static double variance(double[] v) {
        double mean = sum(v) / v.length;
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / v.length;
    }
}
