package dev.cotangent.weave.tensors;

import dev.cotangent.tensor.Linalg;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tensor corpus's methods with one test point each, drawn from a fixed seed. Functions
 * with kinks, steps or restricted domains get points inside the domain and at a distance
 * from every kink and step that is far larger than the finite-difference steps; where that
 * depends on the draw (eigenvalue gaps, a branch condition), a draw that fails the condition
 * is replaced by the next, so that a changed seed cannot silently move a point onto a kink.
 */
final class TensorCorpusCases {

    /** A corpus method by owner, name and parameter types, and the point it is tested at. */
    record Case(Class<?> owner, String name, Class<?>[] types, Object[] args) {
        @Override
        public String toString() {
            return owner.getSimpleName() + "." + name;
        }
    }

    private static final Class<?> T = Tensor.class;

    private final SplittableRandom random = new SplittableRandom(20240611);
    private final List<Case> cases = new ArrayList<>();

    private TensorCorpusCases() {}

    static List<Case> all() {
        TensorCorpusCases c = new TensorCorpusCases();
        c.elementwise();
        c.reductions();
        c.shapes();
        c.linalg();
        c.programs();
        return List.copyOf(c.cases);
    }

    private void elementwise() {
        Class<?> o = ElementwiseCorpus.class;
        add(o, "trigonometric", types(T, T), uniform(-2, 2, 2, 3), normal(2, 3));
        add(o, "inverseTrigonometric", types(T), uniform(-0.8, 0.8, 2, 3));
        add(o, "hyperbolic", types(T), uniform(-0.8, 0.8, 2, 3));
        add(o, "exponentialsAndLogarithms", types(T), uniform(0.5, 2, 2, 3));
        add(o, "rootsAndQuotients", types(T, T), uniform(0.5, 2, 2, 3), awayFromZero(0.3, 2, 3));
        add(o, "powers", types(T, T), uniform(0.5, 2, 2, 3), uniform(-1.5, 1.5, 2, 3));
        add(o, "anglesAndLengths", types(T, T), normal(3), awayFromZero(0.3, 2, 3));
        add(o, "gated", types(T, T), normal(3, 4), normal(4));
        add(o, "absoluteAndSign", types(T), awayFromZero(0.2, 3, 3));
        // floor/ceil/round jump at the integers and half-integers, round(x, 1) at k/10 + 1/20:
        // x mod 0.1 stays within [0.015, 0.035].
        add(o, "roundingSteps", types(T), draw(new int[] {3, 3}, r -> r.nextInt(-20, 21) * 0.1 + 0.025
                + r.nextDouble(-0.01, 0.01)));
        Tensor a = normal(2, 3);
        Tensor b = drawAround(a, (x, y) -> Math.abs(x - y) >= 0.1 && Math.abs(x * x - y) >= 0.1);
        add(o, "extremes", types(T, T), a, b);
        Tensor x = normal(3, 3);
        add(o, "selections", types(T, T), x, drawAround(x, (p, q) -> Math.abs(p - q) >= 0.1));
        Tensor lo = Tensor.of(new double[] {-0.5, -0.4, -0.6});
        Tensor hi = Tensor.of(new double[] {0.5, 0.6, 0.4});
        Tensor clipped = Tensor.of(new double[] {-1.2, 0.1, 0.9, 0.2, -0.8, -0.1}, 2, 3);
        add(o, "clipped", types(T, T, T), clipped, lo, hi);
    }

    private void reductions() {
        Class<?> o = ReductionCorpus.class;
        add(o, "sumsAndMeans", types(T), normal(3, 4));
        add(o, "products", types(T), awayFromZero(0.3, 3, 4));
        add(o, "extrema", types(T), spaced(-1.4, 1.4, 3, 4));
        add(o, "moments", types(T), normal(4, 3));
        add(o, "logSumExp", types(T), normal(2, 5));
        add(o, "reductionOverloads", types(T), spaced(0.4, 2.2, 3, 4));
        add(o, "cumulative", types(T), normal(3, 4));
        add(o, "softmaxes", types(T), normal(3, 4));
        add(o, "argExtremaWeights", types(T), spaced(-2, 2, 3, 4));
    }

    private void shapes() {
        Class<?> o = ShapeCorpus.class;
        add(o, "reshapes", types(T), normal(2, 3, 4));
        add(o, "broadcasting", types(T, T), normal(3, 1), normal(4));
        add(o, "joins", types(T, T), normal(2, 3), normal(2, 2));
        add(o, "rearrangements", types(T), normal(2, 3));
        add(o, "gathers", types(T), awayFromZero(0.2, 4, 5));
        add(o, "scatters", types(T, T), normal(2, 3), normal(3));
        add(o, "splits", types(T), normal(4, 6));
        add(o, "splitAndRejoin", types(T), normal(5, 3));
    }

    private void linalg() {
        Class<?> o = LinalgCorpus.class;
        add(o, "contractions", types(T, T), scaled(0.5, normal(2, 3, 4)), scaled(0.5, normal(4, 3)));
        add(o, "einsums", types(T, T, T), normal(3, 4), normal(4, 2), normal(2));
        add(o, "inverse", types(T), scaled(0.5, normal(3, 3)));
        add(o, "determinant", types(T), scaled(0.5, normal(2, 3, 3)));
        add(o, "solves", types(T, T, T), scaled(0.5, normal(3, 3)), normal(3, 2), normal(3));
        add(o, "choleskyFactor", types(T), normal(3, 3));
        Tensor a = until(() -> normal(3, 3), m -> {
            Tensor s = Np.add(m, Np.transpose(m));
            return gapped(Linalg.eigvalsh(s), 0.3) && gapped(Linalg.eigvalsh(Np.multiply(s, s)), 0.3);
        });
        add(o, "eigenvalues", types(T), a);
        add(o, "symmetricEigendecomposition", types(T), a);
        Tensor m = until(() -> normal(4, 3),
                x -> gapped(Linalg.svdvals(x), 0.3) && gapped(Linalg.svdvals(Np.multiply(x, x)), 0.3));
        add(o, "singularValues", types(T), m);
        // QR and SVD divide by R's diagonal and by the singular values (and their gaps): both
        // the (4, 3) matrix and its top 3×3 block keep them at least 0.3 from 0 and apart.
        Tensor tall = until(() -> normal(4, 3), x -> {
            Tensor block = Np.slice(x, 0, 0, 3, 1);
            return gapped(Linalg.svdvals(x), 0.3) && gapped(Linalg.svdvals(block), 0.3)
                    && smallest(Linalg.svdvals(x)) >= 0.3 && smallest(Linalg.svdvals(block)) >= 0.3;
        });
        add(o, "singularValueDecomposition", types(T), tall);
        add(o, "qrFactors", types(T, T), tall, normal(3, 3));
        Tensor second = until(() -> normal(4, 3), x -> gapped(Linalg.svdvals(x), 0.3)
                && smallest(Linalg.svdvals(x)) >= 0.3);
        add(o, "stackedFactorisations", types(T), Np.stack(new Tensor[] {tall, second}, 0));
        // One determinant of each sign, both at least 0.3 from 0.
        Tensor pair = until(() -> normal(2, 3, 3), x -> {
            double[] det = Linalg.det(x).toArray();
            return det[0] >= 0.3 && det[1] <= -0.3;
        });
        add(o, "signedLogDeterminant", types(T), pair);
        add(o, "norms", types(T), normal(3, 4));
    }

    private void programs() {
        Class<?> o = ProgramCorpus.class;
        add(o, "softmaxCrossEntropy", types(T, T), normal(4, 3), Np.softmax(normal(4, 3), 1));
        add(o, "mlpLoss", types(T, T, T, T, T, int[].class), scaled(0.5, normal(4, 5)), scaled(0.1, normal(5)),
                scaled(0.5, normal(5, 3)), scaled(0.1, normal(3)), normal(6, 4), new int[] {0, 2, 1, 1, 0, 2});
        Tensor labels = draw(new int[] {5}, r -> r.nextBoolean() ? 1.0 : -1.0);
        add(o, "logisticLoss", types(T, double.class, T, T, double.class), normal(3), 0.3, normal(5, 3),
                labels, 0.1);
        add(o, "rnn", types(T, T, T, T), scaled(0.5, normal(2, 3)), scaled(0.5, normal(3, 3)), scaled(0.1, normal(3)),
                normal(4, 2, 2));
        add(o, "leastSquares", types(T, T), normal(5, 3), normal(5, 2));
        add(o, "logDeterminant", types(T), normal(3, 3));
        add(o, "qrIteration", types(T, int.class), scaled(0.5, normal(3, 3)), 3);
        add(o, "lstm", types(T, T, T, T), scaled(0.5, normal(2, 12)), scaled(0.5, normal(3, 12)),
                scaled(0.1, normal(12)), normal(3, 2, 2));
        add(o, "attention", types(T, T, T), normal(3, 4), normal(5, 4), normal(5, 2));
        add(o, "layerNorm", types(T, T, T), normal(3, 4), normal(4), normal(4));
        add(o, "mixedScalars", types(T, double.class), scaled(0.5, normal(2, 3)), 0.7);
        add(o, "tensorLoop", types(T, T, int.class), scaled(0.6, normal(3, 3)), normal(3, 2), 4);
        // Both branches' conditions (sum > 0, max > 1) hold with room to spare.
        Tensor positive = until(() -> uniform(0.2, 1.5, 2, 3),
                t -> Np.sum(t).item() > 0.5 && Np.max(t).item() > 1.05);
        add(o, "branchOnValue", types(T), positive);
        add(o, "tensorArrayParameter", types(Tensor[].class, T), new Tensor[] {normal(2, 2), normal(2, 2),
                normal(2, 2)}, normal(3));
        add(o, "convolution", types(T, T), normal(7), normal(3));
        add(o, "matrixPower", types(T, int.class), scaled(0.5, normal(3, 3)), 5);
        add(o, "newtonSqrt", types(T), uniform(0.5, 3, 2, 3));
        // An instance method: the receiver, holding the data, comes first and is not differentiated.
        add(o, "regressionLoss", types(T), new ProgramCorpus(normal(6, 3), normal(6, 2)), normal(3, 2));
        // |x_i·y_j| stays at least 0.1 away from the clip bounds ±0.5.
        add(o, "composites", types(T, T), Tensor.of(new double[] {0.3, -1.1, 0.8}),
                Tensor.of(new double[] {1.2, 0.2, -0.9}));
    }

    private void add(Class<?> owner, String name, Class<?>[] types, Object... args) {
        cases.add(new Case(owner, name, types, args));
    }

    private static Class<?>[] types(Class<?>... t) {
        return t;
    }

    private Tensor normal(int... shape) {
        return Tensor.randn(random.nextLong(), shape);
    }

    private Tensor uniform(double lo, double hi, int... shape) {
        return draw(shape, r -> r.nextDouble(lo, hi));
    }

    /** Uniform magnitudes in [gap, 2], random signs. */
    private Tensor awayFromZero(double gap, int... shape) {
        return draw(shape, r -> (r.nextBoolean() ? 1 : -1) * r.nextDouble(gap, 2));
    }

    /** Distinct values spread evenly over [lo, hi] in random order, jittered by 10% of their spacing. */
    private Tensor spaced(double lo, double hi, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (p, q) -> p * q);
        double step = (hi - lo) / (n - 1);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = lo + i * step + random.nextDouble(-0.1, 0.1) * step;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return Tensor.of(values, shape);
    }

    /** A partner for each element x of {@code like}: normal draws (σ 1.5) until {@code accept(x, y)} holds. */
    private Tensor drawAround(Tensor like, PairTest accept) {
        double[] x = like.toArray();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            do {
                y[i] = 1.5 * GradCheck.normal(random);
            } while (!accept.test(x[i], y[i]));
        }
        return Tensor.of(y, like.shape());
    }

    private Tensor draw(int[] shape, Element element) {
        double[] values = new double[Arrays.stream(shape).reduce(1, (p, q) -> p * q)];
        for (int i = 0; i < values.length; i++) {
            values[i] = element.next(random);
        }
        return Tensor.of(values, shape);
    }

    private static Tensor scaled(double factor, Tensor t) {
        return Np.multiply(t, Tensor.scalar(factor));
    }

    /** Draws until {@code accept} holds (at most 100 times). */
    private static Tensor until(Supplier<Tensor> draw, Predicate<Tensor> accept) {
        for (int i = 0; i < 100; i++) {
            Tensor t = draw.get();
            if (accept.test(t)) {
                return t;
            }
        }
        throw new IllegalStateException("test point: no acceptable draw in 100");
    }

    /** Whether the values are at least {@code gap} apart (eigen- and singular-vector derivatives divide by gaps). */
    private static boolean gapped(Tensor values, double gap) {
        double[] v = values.toArray();
        Arrays.sort(v);
        for (int i = 1; i < v.length; i++) {
            if (v[i] - v[i - 1] < gap) {
                return false;
            }
        }
        return true;
    }

    private static double smallest(Tensor values) {
        return Arrays.stream(values.toArray()).min().orElseThrow();
    }

    @FunctionalInterface
    private interface Element {
        double next(SplittableRandom random);
    }

    @FunctionalInterface
    private interface PairTest {
        boolean test(double x, double y);
    }
}
