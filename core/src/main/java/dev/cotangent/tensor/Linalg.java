package dev.cotangent.tensor;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.SingularValues.Vectors;
import dev.cotangent.tensor.internal.Shapes;

import java.util.Locale;

/**
 * {@code numpy.linalg} for {@link Tensor}: dense linear algebra in pure Java, with numpy's
 * names, argument order and defaults.
 *
 * <p><b>Stacks.</b> Every matrix function works on stacks of matrices as numpy does: the last
 * two dimensions are the matrix and any leading ones are batch dimensions, so {@code inv} of
 * shape (5, 3, 3) returns the five inverses. {@link #solve} also broadcasts the batch
 * dimensions of its two arguments against each other.
 *
 * <p><b>Errors.</b> An argument of rank below 2, a non-square matrix where a square one is
 * needed, or shapes that do not fit together throw {@link IllegalArgumentException} naming the
 * function and the shapes. A singular matrix in {@link #inv}, {@link #solve} or a negative
 * {@link #matrix_power}, and a matrix that is not positive definite in {@link #cholesky},
 * throw {@link ArithmeticException}. NaN or infinite entries never make a function hang:
 * the iterative decompositions ({@link #eigh}, {@link #svd} and those built on them)
 * return NaN for a matrix that has any.
 *
 * <p><b>Methods.</b> LU with partial pivoting (inv, solve, det, slogdet), Cholesky,
 * Householder QR, Householder tridiagonalisation with implicit QR steps (eigh), and one-sided
 * Jacobi (svd): all backward stable, with residuals and orthogonality near ε·‖A‖. Vectors
 * that are defined only up to sign (eigenvectors, singular vectors) have their component of
 * largest magnitude positive; components within a relative 1e-12 of the largest count as
 * tied and the first of them decides, so that exact ties do not depend on rounding. The sign
 * is continuous in the input away from such ties, which derivatives and finite-difference
 * checks of them need.
 *
 * <p>All methods are static, keep no state, never modify their arguments, and return new
 * tensors.
 *
 * @since 0.1
 */
public final class Linalg {

    private static final double EPS = Math.ulp(1.0);

    private Linalg() {}

    // ---------------------------------------------------------------- LU: inv, solve, det, slogdet

    /**
     * The inverse of each matrix of {@code a}, shape (..., M, M) → (..., M, M).
     *
     * @throws IllegalArgumentException if {@code a} has rank below 2 or is not square in its last two dimensions
     * @throws ArithmeticException      if a matrix is singular (an LU pivot is exactly zero, as in numpy);
     *                                  nearly singular matrices give large, inaccurate inverses instead
     */
    public static Tensor inv(Tensor a) {
        MatrixStack s = MatrixStack.square("Linalg.inv", "a", a);
        double[] out = new double[s.data.length];
        for (int i = 0; i < s.count; i++) {
            System.arraycopy(LuDecomposition.nonsingular(s, i).inverse(), 0, out, s.offset(i), s.size());
        }
        return Tensor.wrap(out, s.shape.clone());
    }

    /**
     * The solution {@code x} of {@code a·x = b}, with numpy 2's rule for {@code b}: a 1-D
     * {@code b} of shape (M,) is one vector and gives {@code x} of shape (..., M); any other
     * {@code b} is a stack of (M, K) matrices and gives (..., M, K), where the batch dimensions
     * of {@code a} (..., M, M) and {@code b} broadcast. (To solve a stack of vectors, give
     * {@code b} the shape (..., M, 1).)
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices, or {@code b}'s
     *                                  M or batch dimensions do not fit {@code a}'s
     * @throws ArithmeticException      if a matrix of {@code a} is singular (an LU pivot is exactly zero)
     */
    public static Tensor solve(Tensor a, Tensor b) {
        return LuDecomposition.solveStack(MatrixStack.square("Linalg.solve", "a", a), b);
    }

    /**
     * The determinant of each matrix, shape (..., M, M) → (...), from the LU factorisation;
     * exactly 0 for a matrix with an exactly zero pivot. May overflow for large matrices:
     * {@link #slogdet} does not.
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices
     */
    public static Tensor det(Tensor a) {
        MatrixStack s = MatrixStack.square("Linalg.det", "a", a);
        double[] out = new double[s.count];
        for (int i = 0; i < s.count; i++) {
            out[i] = new LuDecomposition(s.data, s.offset(i), s.rows).determinant();
        }
        return Tensor.wrap(out, s.batch);
    }

    /**
     * The sign and the natural log of the absolute value of each determinant,
     * {@code {sign, logabsdet}}, each of shape (...) for {@code a} of shape (..., M, M), with
     * {@code det = sign·exp(logabsdet)}. A singular matrix gives sign 0 and logabsdet −∞.
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices
     */
    public static Tensor[] slogdet(Tensor a) {
        MatrixStack s = MatrixStack.square("Linalg.slogdet", "a", a);
        double[] sign = new double[s.count];
        double[] log = new double[s.count];
        for (int i = 0; i < s.count; i++) {
            LuDecomposition lu = new LuDecomposition(s.data, s.offset(i), s.rows);
            sign[i] = lu.determinantSign();
            log[i] = lu.logAbsDeterminant();
        }
        return new Tensor[] {Tensor.wrap(sign, s.batch), Tensor.wrap(log, s.batch.clone())};
    }

    // ---------------------------------------------------------------- cholesky, qr

    /**
     * The lower-triangular Cholesky factor {@code L} of each matrix, {@code a = L·Lᵀ}, shape
     * (..., M, M) → (..., M, M), zeros above the diagonal. Only the lower triangle of {@code a}
     * is read; symmetry is assumed, not checked, as in numpy.
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices
     * @throws ArithmeticException      if a matrix is not positive definite (or holds NaN)
     */
    public static Tensor cholesky(Tensor a) {
        MatrixStack s = MatrixStack.square("Linalg.cholesky", "a", a);
        double[] out = new double[s.data.length];
        int[] failed = new int[1];
        for (int i = 0; i < s.count; i++) {
            double[] l = Cholesky.factor(s.data, s.offset(i), s.rows, failed);
            if (l == null) {
                throw new ArithmeticException(s.op + ": matrix " + s.describe(i) + " is not positive definite "
                        + "(its leading minor of order " + failed[0] + " is not positive)");
            }
            System.arraycopy(l, 0, out, s.offset(i), s.size());
        }
        return Tensor.wrap(out, s.shape.clone());
    }

    /**
     * The reduced QR factorisation {@code {q, r}} of each matrix: for {@code a} of shape
     * (..., M, N) and K = min(M, N), {@code q} (..., M, K) has orthonormal columns and
     * {@code r} (..., K, N) is upper triangular. Same as {@code qr(a, "reduced")}.
     *
     * @throws IllegalArgumentException if {@code a} has rank below 2
     */
    @Differentiable
    public static Tensor[] qr(Tensor a) {
        return qr(a, "reduced");
    }

    /**
     * QR factorisation by Householder reflections, in numpy's modes: {@code "reduced"} gives
     * {@code {q (..., M, K), r (..., K, N)}}, {@code "complete"} gives {@code {q (..., M, M),
     * r (..., M, N)}}, and {@code "r"} gives {@code {r (..., K, N)}} alone. The signs of R's
     * diagonal are LAPACK's (so numpy's), not forced positive.
     *
     * @throws IllegalArgumentException if {@code a} has rank below 2 or the mode is none of these
     */
    public static Tensor[] qr(Tensor a, String mode) {
        String op = "Linalg.qr";
        if (!mode.equals("reduced") && !mode.equals("complete") && !mode.equals("r")) {
            throw new IllegalArgumentException(op + ": mode must be \"reduced\", \"complete\" or \"r\", got \""
                    + mode + "\"");
        }
        MatrixStack s = MatrixStack.of(op, "a", a);
        return QrDecomposition.ofStack(s, mode.equals("complete") ? s.rows : Math.min(s.rows, s.cols), !mode.equals("r"));
    }

    // ---------------------------------------------------------------- eigh, svd

    /**
     * Eigenvalues and eigenvectors of each real symmetric matrix, read from its lower
     * triangle: {@code {w (..., M), v (..., M, M)}} with {@code w} ascending and column
     * {@code v[..., :, j]} the unit eigenvector of {@code w[..., j]}, so {@code a = v·diag(w)·vᵀ}.
     * Each eigenvector's component of largest magnitude is positive (see the class comment on
     * ties). Eigenvalues are accurate to a few ulps of ‖a‖; a matrix with NaN or infinity gives
     * NaN. Same as {@code eigh(a, "L")}.
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices
     */
    @Differentiable
    public static Tensor[] eigh(Tensor a) {
        return eigh(a, "L");
    }

    /**
     * {@link #eigh(Tensor)} reading the lower ({@code "L"}) or upper ({@code "U"}) triangle,
     * either case, as numpy's {@code UPLO}.
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices or {@code uplo}
     *                                  is neither L nor U
     */
    public static Tensor[] eigh(Tensor a, String uplo) {
        return symmetricEigen("Linalg.eigh", a, uplo, true);
    }

    /**
     * The eigenvalues of {@link #eigh(Tensor)} alone, ascending, shape (..., M).
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices
     */
    @Differentiable
    public static Tensor eigvalsh(Tensor a) {
        return eigvalsh(a, "L");
    }

    /**
     * The eigenvalues of {@link #eigh(Tensor, String)} alone, ascending, shape (..., M).
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices or {@code uplo}
     *                                  is neither L nor U
     */
    public static Tensor eigvalsh(Tensor a, String uplo) {
        return symmetricEigen("Linalg.eigvalsh", a, uplo, false)[0];
    }

    private static Tensor[] symmetricEigen(String op, Tensor a, String uplo, boolean vectors) {
        String side = uplo.toUpperCase(Locale.ROOT);
        if (!side.equals("L") && !side.equals("U")) {
            throw new IllegalArgumentException(op + ": uplo must be \"L\" or \"U\", got \"" + uplo + "\"");
        }
        return SymmetricEigen.ofStack(MatrixStack.square(op, "a", a), side.equals("L"), vectors);
    }

    /**
     * The singular value decomposition with numpy's default {@code full_matrices=true}:
     * {@code {u (..., M, M), s (..., K), vh (..., N, N)}} for {@code a} of shape (..., M, N)
     * and K = min(M, N), with {@code a = u[..., :, :K]·diag(s)·vh[..., :K, :]}.
     * See {@link #svd(Tensor, boolean)}.
     *
     * @throws IllegalArgumentException if {@code a} has rank below 2
     */
    @Differentiable
    public static Tensor[] svd(Tensor a) {
        return svd(a, true);
    }

    /**
     * The singular value decomposition {@code {u, s, vh}} of each matrix: {@code s} (..., K)
     * descending and non-negative; {@code u} and {@code vh} have orthonormal columns and rows,
     * of shapes (..., M, M) and (..., N, N) when {@code fullMatrices}, else (..., M, K) and
     * (..., K, N). Sign convention: the component of largest magnitude of each column of
     * {@code u} is positive (the matching row of {@code vh} follows); rows of {@code vh} beyond
     * K, and columns of {@code u} beyond K or for zero singular values, are an orthonormal
     * completion, each oriented the same way.
     *
     * @throws IllegalArgumentException if {@code a} has rank below 2
     */
    public static Tensor[] svd(Tensor a, boolean fullMatrices) {
        return SingularValues.ofStack(MatrixStack.of("Linalg.svd", "a", a), fullMatrices ? Vectors.FULL : Vectors.REDUCED);
    }

    /**
     * The singular values alone, descending, shape (..., M, N) → (..., min(M, N)), as numpy's
     * {@code svdvals} (and {@code svd(a, compute_uv=False)}).
     *
     * @throws IllegalArgumentException if {@code a} has rank below 2
     */
    public static Tensor svdvals(Tensor a) {
        return SingularValues.ofStack(MatrixStack.of("Linalg.svdvals", "a", a), Vectors.NONE)[0];
    }

    // ---------------------------------------------------------------- norms

    /**
     * The 2-norm of {@code x} flattened, {@code sqrt(Σ x²)}, as a rank-0 tensor: the Frobenius
     * norm of a matrix, for any rank. Computed without intermediate overflow or underflow.
     */
    public static Tensor norm(Tensor x) {
        double[] d = x.data();
        return Tensor.scalar(EuclideanNorm.of(d, 0, d.length, 1));
    }

    /**
     * The 2-norm of each vector along {@code axis} (negative counts from the end), which
     * is removed from the shape, as numpy's {@code norm(x, axis=axis)}.
     *
     * @throws IllegalArgumentException if {@code axis} is out of range for {@code x}
     */
    @Differentiable
    public static Tensor norm(Tensor x, int axis) {
        return norm(x, axis, false);
    }

    /**
     * {@link #norm(Tensor, int)}, keeping {@code axis} as a dimension of size 1 when
     * {@code keepdims}, so that the result broadcasts against {@code x}.
     *
     * @throws IllegalArgumentException if {@code axis} is out of range for {@code x}
     */
    public static Tensor norm(Tensor x, int axis, boolean keepdims) {
        return EuclideanNorm.alongAxis("Linalg.norm", x, axis, keepdims);
    }

    /**
     * A matrix norm of a 2-D {@code x} by numpy's name: {@code "fro"}, the Frobenius norm
     * ({@code sqrt(Σ x²)}), or {@code "nuc"}, the nuclear norm (the sum of singular values).
     * The result has rank 0.
     *
     * @throws IllegalArgumentException if {@code x} is not 2-D or {@code ord} is neither name
     */
    @Differentiable
    public static Tensor norm(Tensor x, String ord) {
        String op = "Linalg.norm";
        if (!ord.equals("fro") && !ord.equals("nuc")) {
            throw new IllegalArgumentException(op + ": ord must be \"fro\" or \"nuc\", got \"" + ord + "\"");
        }
        if (x.ndim() != 2) {
            throw new IllegalArgumentException(op + ": ord \"" + ord + "\" is a matrix norm and needs a 2-D tensor, "
                    + "got shape " + Shapes.str(x.shape()));
        }
        if (ord.equals("fro")) {
            return norm(x);
        }
        return Np.sum(svdvals(x));
    }

    // ---------------------------------------------------------------- built on the above

    /**
     * {@code a} to the integer power {@code n} for each square matrix, by repeated squaring:
     * the identity for {@code n = 0}, powers of the inverse for {@code n < 0}.
     *
     * @throws IllegalArgumentException if {@code a} is not a stack of square matrices
     * @throws ArithmeticException      if {@code n < 0} and a matrix is singular
     */
    @Differentiable
    public static Tensor matrix_power(Tensor a, int n) {
        int[] shape = Shapes.squareMatrices("Linalg.matrix_power", "a", a.shape());
        // Repeated squaring, written with matmul and inv so that it differentiates through them.
        Tensor result = Np.broadcast_to(Tensor.eye(shape[shape.length - 1]), shape);
        Tensor power = n < 0 ? inv(a) : a;
        for (int k = Math.abs(n); k > 0; k >>= 1) {
            if ((k & 1) != 0) {
                result = Np.matmul(result, power);
            }
            if (k > 1) {
                power = Np.matmul(power, power);
            }
        }
        return result;
    }

    /**
     * The Moore–Penrose pseudo-inverse of each matrix, shape (..., M, N) → (..., N, M), from
     * the SVD with numpy's default cutoff: singular values at most {@code 1e-15·max(s)} count
     * as zero. See {@link #pinv(Tensor, double)}. Not differentiable: woven code that passes
     * it a tensor carrying a derivative is rejected (use {@link #solve} or an explicit
     * normal-equations formula where a derivative is needed).
     *
     * @throws IllegalArgumentException if {@code a} has rank below 2
     */
    public static Tensor pinv(Tensor a) {
        return pinv(a, 1e-15);
    }

    /**
     * {@link #pinv(Tensor)} with cutoff {@code rcond·max(s)}: {@code vhᵀ·diag(1/s)·uᵀ} over the
     * singular values above it (the others contribute nothing). A matrix with NaN gives NaN.
     *
     * @throws IllegalArgumentException if {@code a} has rank below 2
     */
    public static Tensor pinv(Tensor a, double rcond) {
        return LeastSquares.pseudoInverseStack(MatrixStack.of("Linalg.pinv", "a", a), rcond);
    }

    /**
     * The least-squares solution of {@code a·x ≈ b} with numpy's default cutoff
     * {@code rcond = ε·max(M, N)}. See {@link #lstsq(Tensor, Tensor, double)}. Not
     * differentiable, like {@link #pinv(Tensor)}.
     *
     * @throws IllegalArgumentException as {@link #lstsq(Tensor, Tensor, double)}
     */
    public static Tensor[] lstsq(Tensor a, Tensor b) {
        int[] s = a.shapeRef();
        return lstsq(a, b, s.length == 2 ? EPS * Math.max(s[0], s[1]) : 0);
    }

    /**
     * The minimum-norm least-squares solution of {@code a·x ≈ b} for a 2-D {@code a} (M, N)
     * and {@code b} (M,) or (M, K), as numpy's {@code lstsq}: {@code {x, residuals, rank, s}}
     * with {@code x} (N,) or (N, K); {@code residuals} the squared 2-norms of the columns of
     * {@code b − a·x}, shape (1,) or (K,) when rank = N and M &gt; N, else shape (0,); {@code rank} a
     * rank-0 tensor holding the number of singular values above {@code rcond·max(s)}; and
     * {@code s} the singular values of {@code a}, descending.
     *
     * @throws IllegalArgumentException if {@code a} is not 2-D, or {@code b} is not 1-D or 2-D with M rows
     */
    public static Tensor[] lstsq(Tensor a, Tensor b, double rcond) {
        String op = "Linalg.lstsq";
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        if (as.length != 2) {
            throw new IllegalArgumentException(op + ": a must be 2-D, got shape " + Shapes.str(as));
        }
        if ((bs.length != 1 && bs.length != 2) || bs[0] != as[0]) {
            throw new IllegalArgumentException(op + ": a has shape " + Shapes.str(as) + " but b has shape "
                    + Shapes.str(bs) + "; b must be (M,) or (M, K) with M = " + as[0]);
        }
        return LeastSquares.solve(op, a, b, rcond);
    }
}
