package dev.cotangent.einsum;

import dev.cotangent.blas.Blas;
import dev.cotangent.blas.DirectArray;
import dev.cotangent.blas.JavaBlas;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;
import dev.cotangent.tensor.internal.TensorStorage;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.util.Objects;

/**
 * Internal: the single place where Cotangent multiplies matrices, used by einsum and by the
 * {@code Np} products. Not part of the user contract.
 *
 * <p>Operands are dense row-major tensors or arrays read as (a batch of) matrices; a
 * transpose flag says that the stored matrix is the transpose of the operand, so callers
 * never copy to transpose. Where the work goes:
 * <ul>
 *   <li>a native {@link Blas#current() BLAS} when one is installed and the product has more
 *       than {@link #NATIVE_MIN_FLOPS} flops, or more than {@link #NATIVE_MIN_FLOPS_DIRECT}
 *       when both operands are in direct memory already. From {@link #DIRECT_MIN} elements
 *       on, the result is the direct memory the BLAS wrote, kept as the new tensor's storage
 *       (Java code that reads it later gets a heap copy made once; a native product reads it
 *       as it is), and an operand gets a direct copy kept with its tensor; below, the result
 *       goes through a block the thread reuses to a heap array, and an operand is staged by
 *       the BLAS until its third native read, when it gets a direct copy (see
 *       {@link #DIRECT_MIN} for why);</li>
 *   <li>otherwise {@link JavaBlas#gemm}; or, for products below {@link #SMALL_FLOPS}, a
 *       plain loop, because packing costs more than it saves on a 4×4 matrix; or, when m or
 *       n is 1, a matrix-vector loop.</li>
 * </ul>
 * Arguments must not be {@code null}; dimension mismatches throw
 * {@link IllegalArgumentException} naming the shapes.
 *
 * @since 0.1
 */
public final class Gemm {

    /**
     * System property overriding {@link #NATIVE_MIN_FLOPS}: the builds set it to 0 when they run
     * the registry's and the weaver's tensor tests on OpenBLAS, so that every product of those
     * small test shapes goes to native code. Not a tuning knob.
     */
    public static final String NATIVE_MIN_FLOPS_PROPERTY = "cotangent.blas.nativeMinFlops";

    /**
     * Products with more flops than this ({@code 2·batch·m·n·k}) go to a native BLAS when
     * one is installed, even if an operand has to be copied to direct memory first; smaller
     * ones stay in Java, where the call and copy overheads of native code would dominate.
     * Measured with OpenBLAS: a call costs about 170 ns, copying a heap operand about
     * 2 µs + 0.8 ns per element, and the crossover is near {@code 2·24³}.
     */
    public static final long NATIVE_MIN_FLOPS = Math.max(0, Long.getLong(NATIVE_MIN_FLOPS_PROPERTY, 2L * 24 * 24 * 24));

    /**
     * The same threshold when both operands are in direct memory already (results of
     * native products, say): only the call overhead remains, and the crossover is near
     * {@code 2·8³}.
     */
    public static final long NATIVE_MIN_FLOPS_DIRECT = Math.min(NATIVE_MIN_FLOPS, 2L * 8 * 8 * 8);

    /** Below this many flops per matrix product, a direct loop beats packing. */
    static final long SMALL_FLOPS = 2L * 32 * 32 * 32;

    /**
     * The shape of a (batched) product {@code C[b] = op(A[b]) · op(B[b])}: {@code op(A)} is
     * m×k, {@code op(B)} is k×n, C is m×n, all row-major and packed. {@code transA} means A
     * is stored k×m, {@code transB} that B is stored n×k. An operand of only m·k (or k·n)
     * elements is shared by every batch entry.
     *
     * <p>Six components, not a smaller record: they are BLAS's own dimensions and flags, one to one.
     * A negative dimension is an {@link IllegalArgumentException}.
     */
    public record Layout(int batch, int m, int n, int k, boolean transA, boolean transB) {
        public Layout {
            if (batch < 0 || m < 0 || n < 0 || k < 0) {
                throw new IllegalArgumentException("gemm: negative dimension in batch=" + batch + " m=" + m
                        + " n=" + n + " k=" + k);
            }
        }

        /** A single product, no batch. */
        public static Layout of(int m, int n, int k, boolean transA, boolean transB) {
            return new Layout(1, m, n, k, transA, transB);
        }

        /** {@code 2·batch·m·n·k}, the flops of the whole product. */
        public long flops() {
            return 2L * batch * m * n * k;
        }
    }

    private Gemm() {}

    /**
     * {@code a · b} for matrices of shapes (m, k) and (k, n); the cheapest entry, for tiny
     * products in hot loops.
     *
     * @throws IllegalArgumentException if an operand is not 2-D or the inner sizes differ
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, false, b, false);
    }

    /**
     * {@code op(a) · op(b)} where {@code op} transposes when the flag is set: with
     * {@code transA}, {@code a} has shape (k, m) and its transpose is used.
     *
     * @throws IllegalArgumentException if an operand is not 2-D or the inner sizes differ
     */
    public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        int[] sa = TensorStorage.shape(a);
        int[] sb = TensorStorage.shape(b);
        if (sa.length != 2 || sb.length != 2) {
            throw new IllegalArgumentException("matmul: needs two 2-D operands, got shapes " + Shapes.str(sa)
                    + " and " + Shapes.str(sb));
        }
        int ka = transA ? 0 : 1;
        int kb = transB ? 1 : 0;
        if (sa[ka] != sb[kb]) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(sa) + (transA ? "ᵀ" : "") + " and "
                    + Shapes.str(sb) + (transB ? "ᵀ" : "") + " not aligned: " + sa[ka] + " (dim " + ka + ") != "
                    + sb[kb] + " (dim " + kb + ")");
        }
        int m = sa[1 - ka];
        int n = sb[1 - kb];
        int k = sa[ka];
        long flops = 2L * m * n * k;
        if (flops > NATIVE_MIN_FLOPS_DIRECT) {
            Blas blas = Blas.current();
            if (blas.isNative() && worthNative(flops, a, b)) {
                return multiply(Layout.of(m, n, k, transA, transB), a, b, new int[] {m, n}, blas);
            }
        }
        // The common tiny case goes straight to the kernel: no layout checks, no extra arrays.
        double[] c = new double[m * n];
        if (c.length > 0 && k > 0) {
            product(transA, transB, m, n, k, TensorStorage.array(a), 0, TensorStorage.array(b), 0, c, 0);
        }
        return TensorStorage.wrap(c, m, n);
    }

    /**
     * The product described by {@code layout}, returned with {@code resultShape} (whose size
     * must be {@code batch·m·n}).
     *
     * @throws IllegalArgumentException if an operand's size fits neither the batch nor one
     *                                  matrix, or the result shape has the wrong size
     */
    public static Tensor multiply(Layout layout, Tensor a, Tensor b, int... resultShape) {
        return multiply(layout, a, b, resultShape, Blas.current());
    }

    /** {@link #multiply(Layout, Tensor, Tensor, int...)} on a given BLAS; tests pass a fake. */
    static Tensor multiply(Layout layout, Tensor a, Tensor b, int[] resultShape, Blas blas) {
        Objects.requireNonNull(layout, "gemm: layout is null");
        long strideA = stride("A", layout, a.size(), (long) layout.m() * layout.k());
        long strideB = stride("B", layout, b.size(), (long) layout.k() * layout.n());
        long cSize = (long) layout.batch() * layout.m() * layout.n();
        if (Shapes.size(resultShape) != cSize) {
            throw new IllegalArgumentException("gemm: result shape " + Shapes.str(resultShape) + " does not hold "
                    + layout.batch() + "×" + layout.m() + "×" + layout.n() + " elements");
        }
        int[] shape = resultShape.clone();
        if (cSize == 0 || layout.k() == 0) {
            return TensorStorage.wrap(new double[(int) cSize], shape);
        }
        if (blas.isNative() && worthNative(layout.flops(), a, b)) {
            return nativeProduct(layout, a, strideA, b, strideB, (int) cSize, shape, blas);
        }
        double[] c = new double[(int) cSize];
        multiplyInto(layout, TensorStorage.array(a), (int) strideA, TensorStorage.array(b), (int) strideB, c);
        return TensorStorage.wrap(c, shape);
    }

    /**
     * The product on heap arrays in pure Java, into a fresh array of {@code batch·m·n}
     * elements; {@code a} and {@code b} are only read.
     *
     * @throws IllegalArgumentException if an operand's length fits neither the batch nor one matrix
     */
    public static double[] multiply(Layout layout, double[] a, double[] b) {
        Objects.requireNonNull(layout, "gemm: layout is null");
        long strideA = stride("A", layout, a.length, (long) layout.m() * layout.k());
        long strideB = stride("B", layout, b.length, (long) layout.k() * layout.n());
        double[] c = new double[Math.toIntExact((long) layout.batch() * layout.m() * layout.n())];
        if (c.length > 0 && layout.k() > 0) {
            multiplyInto(layout, a, (int) strideA, b, (int) strideB, c);
        }
        return c;
    }

    /**
     * Results and operands from this many elements (2 MB) on live in direct memory. Smaller
     * results are written into a block the thread reuses and copied to the heap, and smaller
     * operands are staged by the BLAS through such a block: fresh native memory is freed only
     * after a garbage collection finds its tensor dead, so in a loop every allocation is new
     * memory whose page faults cost more than a copy from memory in cache (at n = 256 on the
     * development machine, 290 µs against about 50 µs for a 673 µs product).
     */
    static final int DIRECT_MIN = 1 << 18;

    /**
     * A product on the native BLAS. A large result stays in the direct memory the BLAS wrote
     * (no copy until Java code reads it; when direct memory is short, a heap array the BLAS
     * stages); a small one is written into the thread's scratch block and copied to the heap.
     */
    private static Tensor nativeProduct(Layout layout, Tensor a, long strideA, Tensor b, long strideB, int cSize,
                                        int[] shape, Blas blas) {
        DirectArray out = cSize >= DIRECT_MIN ? blas.tryAllocateDirect(cSize) : null;
        DirectArray scratch = out == null && cSize < DIRECT_MIN ? Scratch.acquire(blas, cSize) : null;
        double[] heap = out == null ? new double[cSize] : null;
        try {
            DoubleBuffer c = out != null ? out.buffer() : scratch != null ? scratch.buffer() : DoubleBuffer.wrap(heap);
            blas.dgemmBatch(layout.transA(), layout.transB(), layout.m(), layout.n(), layout.k(), layout.batch(),
                    1.0, operand(a, blas), 0, layout.transA() ? layout.m() : layout.k(), strideA,
                    operand(b, blas), 0, layout.transB() ? layout.k() : layout.n(), strideB,
                    0.0, c, 0, layout.n(), (long) layout.m() * layout.n());
            if (scratch != null) {
                c.get(0, heap);
            }
        } finally {
            Scratch.release(scratch);
            // The memory behind the buffers must outlive the native call: keep what owns it reachable.
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(out);
            Reference.reachabilityFence(scratch);
        }
        return out == null ? TensorStorage.wrap(heap, shape) : TensorStorage.wrapDirect(out, shape);
    }

    /** Native reads after which a small operand gets a direct copy of its own. */
    static final int READS_BEFORE_DIRECT_COPY = 2;

    /**
     * An operand for native code: its direct storage if it has one; a direct copy kept with
     * the tensor if it is large or has been read natively {@value #READS_BEFORE_DIRECT_COPY}
     * times already (a weight in a loop); else its heap array, which the BLAS stages for the
     * call (an intermediate read once or twice, for which fresh memory would cost more).
     */
    private static DoubleBuffer operand(Tensor t, Blas blas) {
        if (TensorStorage.hasDirect(t) || t.size() >= DIRECT_MIN
                || TensorStorage.countNativeRead(t) > READS_BEFORE_DIRECT_COPY) {
            return TensorStorage.direct(t, blas);
        }
        return DoubleBuffer.wrap(TensorStorage.array(t));
    }

    /**
     * The direct block small native products write into before their result is copied to the
     * heap: one per thread, reused, grown by doubling up to {@link #DIRECT_MIN} elements. A
     * product that starts on a thread whose block is in use (a helper running another product
     * while it waits) gets a block of its own.
     */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> CURRENT = new ThreadLocal<>();

        private final Blas blas;
        private final DirectArray block;
        private boolean inUse;

        private Scratch(Blas blas, DirectArray block) {
            this.blas = blas;
            this.block = block;
        }

        /** At least {@code n} (under {@link #DIRECT_MIN}) elements of direct memory; give it back with {@link #release}. */
        static DirectArray acquire(Blas blas, int n) {
            Scratch s = CURRENT.get();
            if (s != null && s.inUse) {
                return blas.allocateDirect(n);
            }
            if (s == null || s.blas != blas || s.block.buffer().capacity() < n) {
                int size = s == null || s.blas != blas ? n
                        : Math.max(n, Math.min(DIRECT_MIN, 2 * s.block.buffer().capacity()));
                s = new Scratch(blas, blas.allocateDirect(size));
                CURRENT.set(s);
            }
            s.inUse = true;
            return s.block;
        }

        static void release(DirectArray block) {
            Scratch s = CURRENT.get();
            if (block != null && s != null && s.block == block) {
                s.inUse = false;
            }
        }
    }

    /** Whether a product of {@code flops} on these operands is faster in native code (which is installed). */
    private static boolean worthNative(long flops, Tensor a, Tensor b) {
        return flops > NATIVE_MIN_FLOPS
                || flops > NATIVE_MIN_FLOPS_DIRECT && TensorStorage.hasDirect(a) && TensorStorage.hasDirect(b);
    }

    /** The distance between batch entries of an operand: one matrix, or 0 if it is shared. */
    private static long stride(String name, Layout layout, long size, long matrix) {
        if (size == matrix * layout.batch()) {
            return matrix;
        }
        if (size == matrix) {
            return 0;
        }
        throw new IllegalArgumentException("gemm: " + name + " has " + size + " elements but " + layout
                + " needs " + matrix + " per matrix, " + (matrix * layout.batch()) + " for the batch");
    }

    private static void multiplyInto(Layout l, double[] a, int strideA, double[] b, int strideB, double[] c) {
        int mn = l.m() * l.n();
        for (int p = 0; p < l.batch(); p++) {
            product(l.transA(), l.transB(), l.m(), l.n(), l.k(), a, p * strideA, b, p * strideB, c, p * mn);
        }
    }

    /** One product in Java, into zeros at {@code c[cOff]}, by the cheapest kernel for its shape. */
    private static void product(boolean transA, boolean transB, int m, int n, int k,
                                double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        if (n == 1) {
            matrixVector(transA, m, k, a, aOff, b, bOff, c, cOff);
        } else if (m == 1) {
            // c = aᵀ·op(B) is op(B)ᵀ·a: the same kernel with B as the matrix.
            matrixVector(!transB, n, k, b, bOff, a, aOff, c, cOff);
        } else if (2L * m * n * k < SMALL_FLOPS) {
            small(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
        } else {
            JavaBlas.gemm(transA, transB, m, n, k, 1.0, a, aOff, transA ? m : k,
                    b, bOff, transB ? k : n, 0.0, c, cOff, n);
        }
    }

    /**
     * {@code y = op(M)·x} for op(M) rows×k, M stored rows×k, or k×rows when {@code trans}; a
     * vector needs no packing, and a packed 4×4 kernel would waste three quarters of its work.
     * y must be zero on entry.
     */
    private static void matrixVector(boolean trans, int rows, int k, double[] mat, int mOff, double[] x, int xOff,
                                     double[] y, int yOff) {
        if (trans) {
            // Row p of the stored matrix scales x[p] into all of y: unit stride, vectorisable.
            for (int p = 0; p < k; p++) {
                double xp = x[xOff + p];
                int row = mOff + p * rows;
                for (int i = 0; i < rows; i++) {
                    y[yOff + i] += mat[row + i] * xp;
                }
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            y[yOff + i] = dot(mat, mOff + i * k, x, xOff, k);
        }
    }

    /**
     * A dot product with four partial sums, which breaks the chain of dependent additions
     * (the order of summation differs from a plain loop, as in any BLAS).
     */
    static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 4 <= n; t += 4) {
            s0 += a[aOff + t] * b[bOff + t];
            s1 += a[aOff + t + 1] * b[bOff + t + 1];
            s2 += a[aOff + t + 2] * b[bOff + t + 2];
            s3 += a[aOff + t + 3] * b[bOff + t + 3];
        }
        for (; t < n; t++) {
            s0 += a[aOff + t] * b[bOff + t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Plain loops for tiny products, ordered so that the innermost loop runs over contiguous
     * memory, which the JIT vectorises: with B stored k×n, row i of C accumulates
     * {@code A(i, p) · B[p, :]} (an axpy per p); with B stored n×k, each element is a dot
     * product of two contiguous rows when A is stored m×k too. c must be zero on entry.
     */
    private static void small(boolean transA, boolean transB, int m, int n, int k,
                              double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        // A(i, p) is a[aOff + i·ai + p·ap].
        int ai = transA ? 1 : k;
        int ap = transA ? m : 1;
        if (!transB) {
            for (int i = 0; i < m; i++) {
                int aRow = aOff + i * ai;
                int cRow = cOff + i * n;
                for (int p = 0; p < k; p++) {
                    double aip = a[aRow + p * ap];
                    int bRow = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j];
                    }
                }
            }
            return;
        }
        if (!transA) {
            for (int i = 0; i < m; i++) {
                int cRow = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] = dot(a, aOff + i * k, b, bOff + j * k, k);
                }
            }
            return;
        }
        // Both transposed: C = (B·A)ᵀ with B n×k, A k×m stored; accumulate rows of Cᵀ as axpys
        // over A's contiguous rows, writing them transposed.
        for (int j = 0; j < n; j++) {
            int bRow = bOff + j * k;
            for (int p = 0; p < k; p++) {
                double bjp = b[bRow + p];
                int aRow = aOff + p * m;
                for (int i = 0; i < m; i++) {
                    c[cOff + i * n + j] += bjp * a[aRow + i];
                }
            }
        }
    }
}
