package dev.cotangent.primitive;

import dev.cotangent.tensor.Linalg;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Test inputs for every tensor primitive: several shapes each (rank 0, size-1 axes,
 * broadcasting, rank 3 and more where it means something), chosen inside the region where
 * the primitive is smooth (away from kinks, poles and ties), with the direction of the
 * finite difference given per argument when it is special (symmetric for symmetric-matrix
 * functions, none for a static or piecewise-constant argument).
 */
final class PrimitiveCases {

    /** One application: arguments, and for each the tangent direction maker (null: not perturbed). */
    record Case(String label, Object[] args, Function<Object, Object>[] directions) {}

    private final Map<String, List<Case>> cases = new HashMap<>();
    private long seed = 1;

    List<Case> of(String primitive) {
        return cases.getOrDefault(primitive, List.of());
    }

    PrimitiveCases() {
        elementwise();
        reductions();
        shapes();
        contractions();
        linalg();
        tangentTerms();
    }

    // ------------------------------------------------------------------ input makers

    private Tensor randn(int... shape) {
        return Tensor.randn(seed++, shape);
    }

    /** Values in [lo, hi]. */
    private Tensor uniform(double lo, double hi, int... shape) {
        return Np.add(Tensor.scalar(lo), Np.multiply(Tensor.scalar(hi - lo), Tensor.rand(seed++, shape)));
    }

    /** Magnitudes in [0.5, 2] with random signs: away from 0. */
    private Tensor awayFromZero(int... shape) {
        return Np.multiply(Np.sign(randn(shape)), uniform(0.5, 2.0, shape));
    }

    /** Values k + 0.5 ± 0.2: away from integers and half-integers' rounding boundaries. */
    private Tensor offInteger(int... shape) {
        Tensor k = Np.floor(Np.multiply(Tensor.scalar(4), randn(shape)));
        return Np.add(k, uniform(0.3, 0.7, shape));
    }

    /** A well-conditioned (…, n, n) matrix. */
    private Tensor wellConditioned(int... shape) {
        int n = shape[shape.length - 1];
        return Np.add(randn(shape), Np.multiply(Tensor.scalar(n + 2.0), Tensor.eye(n)));
    }

    /** A symmetric positive definite (…, n, n) matrix with distinct eigenvalues. */
    private Tensor spd(int... shape) {
        Tensor b = randn(shape);
        int n = shape[shape.length - 1];
        Tensor bbt = Np.matmul(b, Np.swapaxes(b, -1, -2));
        Tensor spread = Np.diag(Tensor.arange(1, n + 1, 1));
        return Np.add(bbt, Np.add(spread, Tensor.eye(n)));
    }

    /** A symmetric matrix with eigenvalues well apart. */
    private Tensor symmetric(int... shape) {
        Tensor b = randn(shape);
        int n = shape[shape.length - 1];
        Tensor sym = Np.multiply(Tensor.scalar(0.5), Np.add(b, Np.swapaxes(b, -1, -2)));
        return Np.add(sym, Np.multiply(Tensor.scalar(3.0), Np.diag(Tensor.arange(0, n, 1))));
    }

    /** Distinct, well-separated values in random order. */
    private Tensor separated(int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        int[] order = new int[size];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed++);
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] data = new double[size];
        for (int i = 0; i < size; i++) {
            data[i] = 0.3 * order[i] - 1.0;
        }
        return Tensor.of(data, shape);
    }

    // ------------------------------------------------------------------ direction makers

    @SuppressWarnings("unchecked")
    private static Function<Object, Object>[] directions(int n) {
        return new Function[n];
    }

    private static final Function<Object, Object> RANDOM = x -> x;
    private static final Function<Object, Object> SYMMETRIC = x -> x;

    private void add(String primitive, String label, Object[] args, boolean... perturbed) {
        Function<Object, Object>[] dirs = directions(args.length);
        for (int i = 0; i < args.length; i++) {
            boolean tensorLike = args[i] instanceof Tensor || args[i] instanceof Tensor[];
            boolean on = perturbed.length == 0 ? tensorLike : perturbed[i];
            dirs[i] = on ? RANDOM : null;
        }
        cases.computeIfAbsent(primitive, k -> new ArrayList<>()).add(new Case(label, args, dirs));
    }

    private void addSymmetric(String primitive, String label, Object[] args) {
        Function<Object, Object>[] dirs = directions(args.length);
        dirs[0] = SYMMETRIC;
        cases.computeIfAbsent(primitive, k -> new ArrayList<>()).add(new Case(label, args, dirs));
    }

    static boolean symmetric(Function<Object, Object> direction) {
        return direction == SYMMETRIC;
    }

    private static Object[] a(Object... args) {
        return args;
    }

    // ------------------------------------------------------------------ families

    private void elementwise() {
        String[] anywhere = {"negative", "cbrt", "square", "exp", "expm1", "exp2", "sin", "cos", "arctan", "sinh",
                "cosh", "tanh", "arcsinh", "sigmoid"};
        for (String name : anywhere) {
            add(name, "rank 0", a(randn()));
            add(name, "(3,)", a(randn(3)));
            add(name, "(2, 1, 4)", a(randn(2, 1, 4)));
        }
        add("cbrt", "away from 0", a(awayFromZero(2, 3)));
        for (String name : new String[] {"abs", "reciprocal"}) {
            add(name, "rank 0", a(awayFromZero()));
            add(name, "(2, 3, 2)", a(awayFromZero(2, 3, 2)));
        }
        for (String name : new String[] {"sqrt", "log", "log1p", "log2", "log10"}) {
            add(name, "rank 0", a(uniform(0.5, 3, new int[0])));
            add(name, "(4, 1)", a(uniform(0.5, 3, 4, 1)));
        }
        add("tan", "(3, 2)", a(uniform(-1.2, 1.2, 3, 2)));
        for (String name : new String[] {"arcsin", "arccos", "arctanh"}) {
            add(name, "(5,)", a(uniform(-0.8, 0.8, 5)));
            add(name, "rank 0", a(uniform(-0.8, 0.8, new int[0])));
        }
        add("arccosh", "(2, 2)", a(uniform(1.5, 4, 2, 2)));
        for (String name : new String[] {"sign", "floor", "ceil", "round"}) {
            add(name, "(3, 2)", a(offInteger(3, 2)));
            add(name, "rank 0", a(offInteger()));
        }
        add("round_decimals", "(4,)", a(Np.multiply(Tensor.scalar(0.1), offInteger(4)), 1));

        for (String name : new String[] {"add", "subtract", "multiply", "hypot"}) {
            binaryShapes(name, false);
        }
        binaryShapes("arctan2", false);
        binaryShapes("divide", true);
        add("power", "(3, 1) ** (1, 4)", a(uniform(0.5, 2, 3, 1), randn(1, 4)));
        add("power", "rank 0 ** (2, 3)", a(uniform(0.5, 2, new int[0]), randn(2, 3)));
        for (String name : new String[] {"maximum", "minimum"}) {
            add(name, "(3, 4) vs (4,)", a(separated(3, 4), Np.add(Tensor.scalar(0.15), separated(4))));
            add(name, "rank 0 vs (2, 2)", a(Tensor.scalar(0.05), separated(2, 2)));
        }
        add("where", "cond (3, 1), a (1, 4), b (3, 4)",
                a(Np.greater(randn(3, 1), Tensor.scalar(0)), randn(1, 4), randn(3, 4)), false, true, true);
        add("where", "cond (4,), a (4,), b (3, 4)",
                a(Np.greater(randn(4), Tensor.scalar(0)), randn(4), randn(3, 4)), false, true, true);
        add("clip", "between", a(separated(3, 4), Tensor.scalar(-0.45), Tensor.scalar(1.05)));
        add("clip", "broadcast bounds", a(separated(2, 3), Np.add(Tensor.scalar(0.05), separated(3)),
                Tensor.scalar(0.65)));
        for (String name : new String[] {"greater", "greater_equal", "less", "less_equal", "equal", "not_equal"}) {
            add(name, "(3, 2) vs (2,)", a(separated(3, 2), Np.add(Tensor.scalar(0.15), separated(2))));
        }
    }

    private void binaryShapes(String name, boolean awayFromZeroB) {
        Function<int[], Tensor> b = awayFromZeroB ? this::awayFromZero : this::randn;
        add(name, "same shape (2, 3)", a(randn(2, 3), b.apply(new int[] {2, 3})));
        add(name, "(3, 1) with (1, 4)", a(randn(3, 1), b.apply(new int[] {1, 4})));
        add(name, "(2, 3, 4) with (4,)", a(randn(2, 3, 4), b.apply(new int[] {4})));
        add(name, "rank 0 with (2, 2)", a(randn(), b.apply(new int[] {2, 2})));
    }

    private void reductions() {
        for (String name : new String[] {"sum", "mean", "prod", "var", "std", "logsumexp"}) {
            add(name, "all axes", a(uniform(0.5, 1.5, 2, 3), null, false));
            add(name, "axis 1 keepdims", a(uniform(0.5, 1.5, 2, 3, 4), new int[] {1}, true));
            add(name, "axes (0, -1)", a(uniform(0.5, 1.5, 2, 3, 4), new int[] {0, -1}, false));
            add(name, "rank 0", a(uniform(0.5, 1.5, new int[0]), null, false));
        }
        add("prod", "one zero", a(Tensor.of(new double[] {0.5, 0, 2, 1.5, -1, 3}, 2, 3), new int[] {1}, false));
        add("prod", "two zeros", a(Tensor.of(new double[] {0, 0, 2, 1.5}, 4), null, false));
        for (String name : new String[] {"max", "min"}) {
            add(name, "all", a(separated(3, 4), null, false));
            add(name, "axis 0 keepdims", a(separated(3, 2, 2), new int[] {0}, true));
            add(name, "axes (1, 2)", a(separated(2, 3, 2), new int[] {1, 2}, false));
        }
        add("cumsum", "axis 0", a(randn(4, 3), 0));
        add("cumsum", "axis -1 rank 3", a(randn(2, 3, 4), -1));
        for (String name : new String[] {"softmax", "log_softmax"}) {
            add(name, "axis -1", a(randn(3, 4), -1));
            add(name, "axis 1 of rank 3", a(randn(2, 3, 2), 1));
            add(name, "single axis", a(randn(5), 0));
        }
        add("argmax", "axis 1", a(separated(3, 4), 1));
        add("argmin", "axis 0", a(separated(3, 4), 0));
    }

    private void shapes() {
        add("reshape", "(2, 3, 4) to (6, -1)", a(randn(2, 3, 4), new int[] {6, -1}));
        add("reshape", "rank 0 to (1, 1)", a(randn(), new int[] {1, 1}));
        add("transpose", "(2, 3, 4) by (2, 0, 1)", a(randn(2, 3, 4), new int[] {2, 0, 1}));
        add("transpose", "(3, 5) by (1, 0)", a(randn(3, 5), new int[] {1, 0}));
        add("swapaxes", "(2, 3, 4) 0 and -1", a(randn(2, 3, 4), 0, -1));
        add("moveaxis", "(2, 3, 4) 0 to 2", a(randn(2, 3, 4), new int[] {0}, new int[] {2}));
        add("expand_dims", "(3, 4) at 1", a(randn(3, 4), new int[] {1}));
        add("expand_dims", "rank 0 at 0", a(randn(), new int[] {0}));
        add("squeeze", "(1, 3, 1)", a(randn(1, 3, 1)));
        add("squeeze_axes", "(1, 3, 1) axis 2", a(randn(1, 3, 1), new int[] {2}));
        add("broadcast_to", "(3, 1) to (2, 3, 4)", a(randn(3, 1), new int[] {2, 3, 4}));
        add("broadcast_to", "rank 0 to (2, 2)", a(randn(), new int[] {2, 2}));
        add("concatenate", "three along 1", a(new Tensor[] {randn(2, 1), randn(2, 3), randn(2, 2)}, 1));
        add("concatenate", "two along 0", a(new Tensor[] {randn(1, 3), randn(2, 3)}, 0));
        add("stack", "three along 1", a(new Tensor[] {randn(2, 3), randn(2, 3), randn(2, 3)}, 1));
        add("stack", "scalars", a(new Tensor[] {randn(), randn()}, 0));
        add("split", "(6, 2) at 1, 4", a(randn(6, 2), new int[] {1, 4}, 0));
        add("split", "(2, 5) at 2 along -1", a(randn(2, 5), new int[] {2}, -1));
        add("flip", "axes (0, 2)", a(randn(2, 3, 4), new int[] {0, 2}));
        add("flip", "all", a(randn(3, 2), null));
        add("roll", "by 2 along 1", a(randn(2, 5), 2, 1));
        add("roll", "by -1 along 0", a(randn(3, 2), -1, 0));
        add("tile", "(2, 3) by (2, 1, 2)", a(randn(2, 3), new int[] {2, 1, 2}));
        add("tile", "(3,) by 2", a(randn(3), new int[] {2}));
        add("repeat", "(2, 3) 2 times along 1", a(randn(2, 3), 2, 1));
        add("repeat", "(3, 2) 3 times along 0", a(randn(3, 2), 3, 0));
        add("pad", "(2, 3) by ((1, 0), (2, 1))", a(randn(2, 3), new int[][] {{1, 0}, {2, 1}}));
        add("slice", "[1:5:2] of axis 1", a(randn(2, 6, 3), 1, 1, 5, 2));
        add("slice", "[::-1] of axis 0", a(randn(4, 2), 0, -1, Integer.MIN_VALUE, -1));
        add("index", "\"1:, ::-1, 0\"", a(randn(3, 4, 2), "1:, ::-1, 0"));
        add("index", "\"None, ..., -1\"", a(randn(2, 3), "None, ..., -1"));
        add("take", "indices with repeats and negatives", a(randn(3, 5), new int[] {4, 0, -1, 2}, 1));
        add("take", "along 0", a(randn(4, 2), new int[] {1, 1}, 0));
        add("diagonal", "main of (3, 4)", a(randn(3, 4), 0, 0, 1));
        add("diagonal", "offset 1 of a stack", a(randn(2, 3, 3), 1, 1, 2));
        add("diagonal", "offset -1 over axes (2, 0)", a(randn(4, 2, 3), -1, 2, 0));
        add("triu", "k = 0", a(randn(3, 4), 0));
        add("triu", "k = -1, stacked", a(randn(2, 3, 3), -1));
        add("tril", "k = 1", a(randn(4, 3), 1));
        add("scatter_slice", "into (2, 6, 3)", a(randn(2, 2, 3), new int[] {2, 6, 3}, 1, 1, 5, 2));
        add("scatter_index", "into (3, 4, 2) at \"1:, ::-1, 0\"", a(randn(2, 4), new int[] {3, 4, 2}, "1:, ::-1, 0"));
        add("scatter_take", "into (3, 5)", a(randn(3, 4), new int[] {3, 5}, new int[] {4, 0, -1, 4}, 1));
        add("scatter_diagonal", "into (3, 3)", a(randn(3), new int[] {3, 3}, 0, 0, 1));
        add("scatter_diagonal", "offset 1 into (2, 3, 4)", a(randn(2, 3), new int[] {2, 3, 4}, 1, 1, 2));
        add("unbroadcast", "(2, 3, 4) to (3, 1)", a(randn(2, 3, 4), new int[] {3, 1}));
    }

    private void contractions() {
        add("dot", "matrix · matrix", a(randn(3, 4), randn(4, 2)));
        add("dot", "vector · vector", a(randn(5), randn(5)));
        add("dot", "matrix · vector", a(randn(3, 4), randn(4)));
        add("dot", "vector · matrix", a(randn(4), randn(4, 2)));
        add("dot", "N-d: (2, 3, 4) · (2, 4, 5)", a(randn(2, 3, 4), randn(2, 4, 5)));
        add("dot", "rank 0 · (2, 3)", a(randn(), randn(2, 3)));
        add("matmul", "2-D", a(randn(3, 4), randn(4, 2)));
        add("matmul", "batch broadcast (2, 1, 3, 4) @ (5, 4, 2)", a(randn(2, 1, 3, 4), randn(5, 4, 2)));
        add("matmul", "vector @ stack", a(randn(4), randn(3, 4, 2)));
        add("matmul", "stack @ vector", a(randn(2, 3, 4), randn(4)));
        add("inner", "(2, 3) and (4, 3)", a(randn(2, 3), randn(4, 3)));
        add("inner", "vectors", a(randn(4), randn(4)));
        add("tensordot", "autograd's (2, 3, 5, 4) and (5, 4, 2, 3), 2 axes",
                a(randn(2, 3, 5, 4), randn(5, 4, 2, 3), new int[] {2, 3}, new int[] {0, 1}));
        add("tensordot", "explicit axes (0, 2) and (2, 0)",
                a(randn(3, 4, 5), randn(5, 2, 3), new int[] {0, 2}, new int[] {2, 0}));
        add("einsum", "matrix chain", a("ij,jk,kl->il", new Tensor[] {randn(2, 3), randn(3, 4), randn(4, 2)}));
        add("einsum", "trace of a product", a("ij,ji->", new Tensor[] {randn(3, 4), randn(4, 3)}));
        add("einsum", "diagonal and broadcast", a("ii,...i->...i", new Tensor[] {randn(3, 3), randn(2, 3)}));
        add("einsum", "implicit output", a("ij,jk", new Tensor[] {randn(2, 3), randn(3, 2)}));
    }

    private void linalg() {
        add("inv", "4×4", a(wellConditioned(4, 4)));
        add("inv", "stack (2, 3, 3)", a(wellConditioned(2, 3, 3)));
        add("solve", "vector b", a(wellConditioned(3, 3), randn(3)));
        add("solve", "matrix b, batched a", a(wellConditioned(2, 3, 3), randn(3, 2)));
        add("det", "4×4", a(wellConditioned(4, 4)));
        add("det", "stack", a(wellConditioned(3, 2, 2)));
        add("slogdet", "positive determinant", a(wellConditioned(3, 3)));
        add("slogdet", "negative determinant", a(Np.negative(wellConditioned(3, 3))));
        addSymmetric("cholesky", "4×4 SPD", a(spd(4, 4)));
        addSymmetric("cholesky", "stack of SPD", a(spd(2, 3, 3)));
        addSymmetric("eigh", "4×4 symmetric", a(symmetric(4, 4), "L"));
        addSymmetric("eigh", "stack, upper", a(symmetric(2, 3, 3), "U"));
        addSymmetric("eigvalsh", "5×5", a(symmetric(5, 5), "L"));
        add("qr", "tall 5×3", a(randn(5, 3), "reduced"));
        add("qr", "square 4×4", a(randn(4, 4), "reduced"));
        add("qr", "stack of tall", a(randn(2, 4, 2), "reduced"));
        add("svd", "tall 5×3", a(randn(5, 3), false));
        add("svd", "wide 2×4", a(randn(2, 4), false));
        add("svd", "square 3×3, full", a(randn(3, 3), true));
        add("svdvals", "4×3", a(randn(4, 3)));
        add("norm", "(2, 3)", a(randn(2, 3)));
        add("norm", "rank 0", a(awayFromZero()));
        add("norm_axis", "axis 1", a(randn(3, 4), 1, false));
        add("norm_axis", "axis 0 keepdims", a(randn(3, 4, 2), 0, true));
    }

    /** The primitives second-order code spells a primitive's tangent with. */
    private void tangentTerms() {
        add("tangent_term", "elementwise", a("...,@...->...", new Tensor[] {randn(3, 4)}, randn(3, 4), new int[] {3, 4}));
        add("tangent_term", "rank-0 value, broadcast tangent",
                a("...,@...->...", new Tensor[] {randn()}, randn(2, 3), new int[] {2, 3}));
        add("tangent_term", "matrix product", a("ij,@jk->ik", new Tensor[] {randn(2, 3)}, randn(3, 4), new int[] {2, 4}));
        add("tangent_term", "two values, softmax's pair term", a("abc,azc,@azc->abc",
                new Tensor[] {randn(2, 3, 4), randn(2, 3, 4)}, randn(2, 3, 4), new int[] {2, 3, 4}));
        add("tangent_term", "broadcast-only output label, keepdims output",
                a("ac,@ac->abc", new Tensor[] {randn(2, 4)}, randn(2, 4), new int[] {2, 3, 4}));
        add("tangent_fit", "broadcast", a(randn(3), new int[] {2, 3}));
        add("tangent_fit", "reshape adding a 1", a(randn(2, 3), new int[] {2, 1, 3}));
        add("tangent_zero", "(2, 3)", a(randn(2, 3)));
        add("tangent_einsum", "matrix chain", a("ij,jk,kl->il", new Tensor[] {randn(2, 3), randn(3, 4), randn(4, 2)},
                new Tensor[] {randn(2, 3), randn(3, 4), randn(4, 2)}));
        add("tangent_einsum", "trace of a product", a("ij,ji->", new Tensor[] {randn(3, 4), randn(4, 3)},
                new Tensor[] {randn(3, 4), randn(4, 3)}));
        add("tangent_zeros_for_nulls", "two parts", a(new Tensor[] {randn(2), randn(3)},
                new Tensor[] {randn(2), randn(3)}));
    }
}
