package dev.cotangent.primitive;

import dev.cotangent.primitive.Rule.Bilinear.Term;
import dev.cotangent.tensor.Linalg;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;

import java.util.List;

import static dev.cotangent.tensor.Np.*;

/**
 * Linear algebra. Every rule here is still {@code d} and einsum terms: the classic matrix
 * derivative formulas ({@code d(A⁻¹) = −A⁻¹·dA·A⁻¹}, the eigen- and singular-vector
 * formulas with their {@code F} matrices) are written as multilinear maps, where a
 * triangular projection is a constant mask operand and a symmetrised tangent is two terms
 * (one reading {@code dA}, one reading {@code dAᵀ}). Factorisations of symmetric matrices
 * (cholesky, eigh) read the tangent symmetrised, as numpy reads only one triangle.
 */
final class LinalgPrims {

    private static final Tensor ZERO = Tensor.scalar(0.0);
    private static final Tensor ONE = Tensor.scalar(1.0);
    private static final Tensor HALF = Tensor.scalar(0.5);
    private static final Tensor MINUS_ONE = Tensor.scalar(-1.0);

    private LinalgPrims() {}

    static void register(Registry.Table t) {
        t.op(Linalg.class, "inv", Tensor.class)
                .d(0, c -> d(negative(c.y()), c.y()), "...ij,@...jk,...kl->...il").done();
        t.op(Linalg.class, "solve", Tensor.class, Tensor.class)
                .d(0, c -> d(negative(Linalg.inv(c.tensor(0))), c.y()),
                        c -> vectorB(c) ? "...ij,@...jk,...k->...i" : "...ij,@...jk,...kl->...il")
                .d(1, c -> d(Linalg.inv(c.tensor(0))),
                        c -> vectorB(c) ? "...ij,@j->...i" : "...ij,@...jk->...ik").done();
        t.op(Linalg.class, "det", Tensor.class)
                .d(0, c -> d(adjugate(c.tensor(0), c.y())), "...ji,@...ij->...").done();
        t.op(Linalg.class, "slogdet", Tensor.class).rule(0, new Rule.PerOutput(new Rule[] {
                new Rule.Zero(),
                bilinear(1, List.of(term(c -> d(Linalg.inv(c.tensor(0))), "...ji,@...ij->...")))})).done();
        t.op(Linalg.class, "cholesky", Tensor.class).terms(0,
                term(LinalgPrims::choleskyValues, "...ij,jk,...ja,@...ab,...kb->...ik"),
                term(LinalgPrims::choleskyValues, "...ij,jk,...ja,@...ba,...kb->...ik")).done();
        t.op(Linalg.class, "eigh", Tensor.class, String.class).rule(0, new Rule.PerOutput(new Rule[] {
                bilinear(0, List.of(term(c -> d(c.y(1), c.y(1)), "...ji,@...jk,...ki->...i"))),
                bilinear(1, List.of(
                        term(LinalgPrims::eigenvectorValues, "...ij,...jm,...kj,@...kl,...lm->...im"),
                        term(LinalgPrims::eigenvectorValues, "...ij,...jm,...kj,@...lk,...lm->...im")))})).done();
        t.op(Linalg.class, "eigvalsh", Tensor.class, String.class)
                .d(0, c -> {
                    Tensor v = Linalg.eigh(c.tensor(0), c.string(1))[1];
                    return d(v, v);
                }, "...ji,@...jk,...ki->...i").done();
        t.op(Linalg.class, "qr", Tensor.class, String.class).rule(0, new Rule.PerOutput(new Rule[] {
                bilinear(0, List.of(
                        term(c -> qr(c, ONE, 1), "...ia,ab,...ca,@...cd,...db->...ib"),
                        term(c -> qr(c, MINUS_ONE, 2), "...ia,ba,...cb,@...cd,...da->...ib"),
                        term(c -> qr(c, MINUS_ONE, 3), "...ia,...ca,@...cd,...db->...ib"),
                        term(c -> qr(c, ONE, 4), "@...id,...db->...ib"))),
                bilinear(1, List.of(
                        term(c -> qr(c, ONE, 5), "...ca,@...cd,...de,...eb->...ab"),
                        term(c -> qr(c, MINUS_ONE, 6), "ae,...ca,@...cd,...de,...eb->...ab"),
                        term(c -> qr(c, ONE, 7), "ea,...ce,@...cd,...da,...eb->...ab")))})).done();
        t.op(Linalg.class, "svd", Tensor.class, boolean.class).rule(0, new Rule.PerOutput(new Rule[] {
                bilinear(0, List.of(
                        term(c -> svd(c, "U F s U Vh"), "...ia,...ab,...b,...ca,@...cd,...bd->...ib"),
                        term(c -> svd(c, "U F s U Vh"), "...ia,...ab,...a,...cb,@...cd,...ad->...ib"),
                        term(c -> svd(c, "Vh 1/s"), "@...id,...bd,...b->...ib"),
                        term(c -> svd(c, "-U U Vh 1/s"), "...ie,...ce,@...cd,...bd,...b->...ib"))),
                bilinear(1, List.of(term(c -> svd(c, "U Vh"), "...ca,@...cd,...ad->...a"))),
                bilinear(2, List.of(
                        term(c -> svd(c, "Vh F s U Vh"), "...aj,...ab,...a,...ca,@...cd,...bd->...bj"),
                        term(c -> svd(c, "Vh F s U Vh"), "...aj,...ab,...b,...cb,@...cd,...ad->...bj"),
                        term(c -> svd(c, "U 1/s"), "@...ej,...eb,...b->...bj"),
                        term(c -> svd(c, "-Vh Vh U 1/s"), "...fj,...fc,@...ec,...eb,...b->...bj")))})).done();
        t.op(Linalg.class, "svdvals", Tensor.class)
                .d(0, c -> {
                    Tensor[] usv = Linalg.svd(c.tensor(0), false);
                    return d(usv[0], usv[2]);
                }, "...ca,@...cd,...ad->...a").done();
        t.op(Linalg.class, "norm", Tensor.class)
                .d(0, c -> d(divide(c.tensor(0), c.y())), c -> everything(c.ndim(0))).done();
        t.op("norm_axis", Linalg.class, "norm", Tensor.class, int.class, boolean.class)
                .d(0, c -> d(divide(c.tensor(0), keptAxis(c))), LinalgPrims::axisSpec).done();
    }

    private static Tensor[] d(Tensor... values) {
        return values;
    }

    private static Term term(Rule.DerivativeValue d, String spec) {
        return new Term(d, c -> spec);
    }

    private static Rule bilinear(int output, List<Term> terms) {
        return new Rule.Bilinear(terms, output);
    }

    /**
     * The adjugate {@code adj(A) = det(A)·A⁻¹}, det's derivative value (Jacobi's formula). det
     * is a polynomial, so a singular matrix has a derivative too, but no inverse: if any
     * determinant of the stack is exactly 0, every adjugate comes from the SVD
     * {@code A = U·diag(s)·Vᵀ} as {@code det(U)·det(Vᵀ)·V·diag(Πⱼ≠ᵢ sⱼ)·Uᵀ}, whose products of
     * the other singular values are exact when one of them is 0 (and all 0 for rank < n − 1).
     */
    private static Tensor adjugate(Tensor a, Tensor det) {
        if (sum(equal(det, ZERO), null, false).item() == 0) {
            return multiply(expand_dims(det, new int[] {-1, -2}), Linalg.inv(a));
        }
        Tensor[] usv = Linalg.svd(a, false);
        Tensor orientation = multiply(Linalg.det(usv[0]), Linalg.det(usv[2]));
        Tensor others = ReductionPrims.productOfOthers(usv[1], new int[] {-1});
        Tensor scaledV = multiply(swapaxes(usv[2], -1, -2), expand_dims(others, new int[] {-2}));
        return multiply(expand_dims(orientation, new int[] {-1, -2}), matmul(scaledV, swapaxes(usv[0], -1, -2)));
    }

    /** numpy 2's rule: only a 1-D {@code b} is a vector. */
    private static boolean vectorB(Call c) {
        return c.ndim(1) == 1;
    }

    /** (L, M/2, L⁻¹, L⁻¹) with M the mask of Φ: 1 below the diagonal, ½ on it, 0 above. */
    private static Tensor[] choleskyValues(Call c) {
        Tensor l = c.y();
        int n = l.shape()[l.ndim() - 1];
        Tensor phi = add(tril(Tensor.ones(n, n), -1), multiply(HALF, Tensor.eye(n)));
        Tensor lInv = Linalg.inv(l);
        return d(l, multiply(HALF, phi), lInv, lInv);
    }

    /** (V, F/2, V, V) with F[i, j] = 1/(w[j] − w[i]) off the diagonal, 0 on it. */
    private static Tensor[] eigenvectorValues(Call c) {
        Tensor w = c.y(0);
        Tensor v = c.y(1);
        Tensor f = gaps(w, false);
        return d(v, multiply(HALF, f), v, v);
    }

    /**
     * {@code 1/(x[j] − x[i])} off the diagonal and 0 on it (squared values with
     * {@code squared}), for eigen- and singular-vector derivatives; degenerate values give
     * infinities, as the derivative itself is then undefined.
     */
    private static Tensor gaps(Tensor x, boolean squared) {
        Tensor values = squared ? square(x) : x;
        Tensor difference = subtract(expand_dims(values, -2), expand_dims(values, -1));
        int n = x.shape()[x.ndim() - 1];
        Tensor offDiagonal = subtract(Tensor.ones(n, n), Tensor.eye(n));
        Tensor safe = where(offDiagonal, difference, ONE);
        return multiply(offDiagonal, reciprocal(safe));
    }

    /** The derivative values of reduced QR's terms (see the class comment for the forms). */
    private static Tensor[] qr(Call c, Tensor sign, int term) {
        Tensor a = c.tensor(0);
        int[] shape = a.shape();
        int m = shape[shape.length - 2];
        int n = shape[shape.length - 1];
        String mode = c.string(1);
        if (m < n || !(mode.equals("reduced") || (mode.equals("complete") && m == n))) {
            throw new IllegalArgumentException("Linalg.qr: derivatives need mode \"reduced\" and a tall or square "
                    + "matrix, got mode \"" + mode + "\" and shape " + Shapes.str(shape));
        }
        Tensor q = c.y(0);
        Tensor r = c.y(1);
        Tensor rInv = Linalg.inv(r);
        Tensor strictLower = tril(Tensor.ones(n, n), -1);
        Tensor sq = multiply(sign, q);
        return switch (term) {
            case 1, 2 -> d(sq, strictLower, q, rInv);
            case 3 -> d(sq, q, rInv);
            case 4 -> d(rInv);
            case 5 -> d(q, rInv, r);
            case 6 -> d(multiply(sign, strictLower), q, rInv, r);
            default -> d(strictLower, q, rInv, r);
        };
    }

    /** The derivative values named in {@code which} for reduced SVD's terms. */
    private static Tensor[] svd(Call c, String which) {
        Tensor a = c.tensor(0);
        int[] shape = a.shape();
        int m = shape[shape.length - 2];
        int n = shape[shape.length - 1];
        if (c.bool(1) && m != n) {
            throw new IllegalArgumentException("Linalg.svd: derivatives need full_matrices=false for a non-square "
                    + "matrix (shape " + Shapes.str(shape) + "): the extra singular vectors are not unique");
        }
        int k = Math.min(m, n);
        Tensor u = slice(c.y(0), -1, 0, k, 1);
        Tensor s = c.y(1);
        Tensor vh = slice(c.y(2), -2, 0, k, 1);
        String[] names = which.split(" ");
        Tensor[] out = new Tensor[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = switch (names[i]) {
                case "U" -> u;
                case "-U" -> negative(u);
                case "Vh" -> vh;
                case "-Vh" -> negative(vh);
                case "s" -> s;
                case "1/s" -> reciprocal(s);
                case "F" -> gaps(s, true);
                default -> throw new IllegalStateException(names[i]);
            };
        }
        return out;
    }

    /** {@code "abc,@abc->"}: everything contracted. */
    private static String everything(int rank) {
        String l = Labels.of(rank);
        return l + ",@" + l + "->";
    }

    /** The norm along one axis, kept as size 1, so that it broadcasts against x. */
    private static Tensor keptAxis(Call c) {
        int axis = Shapes.axis("Linalg.norm", c.integer(1), c.shape(0));
        return reshape(c.y(), Shapes.reduced(c.shape(0), new int[] {axis}, true));
    }

    private static String axisSpec(Call c) {
        int axis = Shapes.axis("Linalg.norm", c.integer(1), c.shape(0));
        String in = Labels.of(c.ndim(0));
        return in + ",@" + in + "->" + in.substring(0, axis) + in.substring(axis + 1);
    }
}
