package dev.cotangent.tensor;

import dev.cotangent.blas.Blas;
import dev.cotangent.blas.DirectArray;
import dev.cotangent.tensor.internal.Shapes;
import dev.cotangent.tensor.internal.TensorStorage;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense N-dimensional array of {@code double}, row-major, of any rank including 0.
 *
 * <p>A tensor is an immutable value: no operation changes one, every operation returns a
 * new tensor, and tensors may be shared freely between threads. Operations live in
 * {@link Np} and {@link Linalg} under numpy's names, with numpy's broadcasting rules.
 *
 * <p>Storage: the elements live in a heap array, in direct (off-heap) memory when a native
 * BLAS produced or consumed them, or in both; each form is made from the other on first
 * use and kept, so a large tensor that goes back and forth between Java kernels and native
 * GEMM is copied at most once each way.
 *
 * @since 0.1
 */
public final class Tensor {

    static {
        TensorStorage.install(new StorageAccess());
    }

    private final int[] shape;
    private final int size;
    /** Row-major elements; never written after publication. */
    private volatile double[] heap;
    /** The same elements in direct memory, for native BLAS. */
    private volatile DirectArray direct;
    /** How many native products have read this tensor from the heap (racy: a hint, not a count). */
    private int nativeReads;

    private Tensor(int[] shape, double[] heap, DirectArray direct) {
        this.shape = shape;
        this.size = Shapes.size(shape);
        this.heap = heap;
        this.direct = direct;
    }

    /** Wraps {@code data} without copying; the caller gives up the array. */
    static Tensor wrap(double[] data, int[] shape) {
        return new Tensor(shape, data, null);
    }

    // ---------------------------------------------------------------- factories

    /** A vector holding a copy of {@code data}. */
    public static Tensor of(double[] data) {
        return wrap(data.clone(), new int[] {data.length});
    }

    /**
     * A tensor of the given shape holding a copy of {@code data} in row-major order; an
     * empty shape makes a rank-0 tensor of one element.
     *
     * @throws IllegalArgumentException if the shape has a negative dimension or its size is
     *                                  not {@code data.length}
     */
    public static Tensor of(double[] data, int... shape) {
        int[] s = Shapes.checked(shape);
        if (Shapes.size(s) != data.length) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " elements cannot take shape "
                    + Shapes.str(s) + " (size " + Shapes.size(s) + ")");
        }
        return wrap(data.clone(), s);
    }

    /** A matrix from rows of equal length (a copy). */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length
                        + " elements, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return wrap(data, new int[] {rows.length, cols});
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return wrap(new double[] {value}, new int[0]);
    }

    /** Zeros of the given shape. */
    public static Tensor zeros(int... shape) {
        int[] s = Shapes.checked(shape);
        return wrap(new double[Shapes.size(s)], s);
    }

    /** Ones of the given shape. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** {@code value} everywhere in the given shape. */
    public static Tensor full(double value, int... shape) {
        int[] s = Shapes.checked(shape);
        double[] data = new double[Shapes.size(s)];
        Arrays.fill(data, value);
        return wrap(data, s);
    }

    /** {@code 0, 1, …, stop-1} as a vector, like {@code numpy.arange(stop)}. */
    public static Tensor arange(double stop) {
        return arange(0, stop, 1);
    }

    /**
     * {@code start, start+step, …} up to but excluding {@code stop}, like {@code numpy.arange}.
     *
     * @throws IllegalArgumentException if {@code step} is 0 or NaN, or the count exceeds 2³¹−1 (or is NaN)
     */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("Tensor.arange: step must be non-zero, got " + step);
        }
        double count = Math.max(0, Math.ceil((stop - start) / step));
        if (!(count <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("Tensor.arange: " + count + " elements from " + start + " to " + stop
                    + " by " + step + " do not fit in one tensor");
        }
        int n = (int) count;
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = start + i * step;
        }
        return wrap(data, new int[] {n});
    }

    /** {@code num} evenly spaced values from {@code start} to {@code stop} inclusive. */
    public static Tensor linspace(double start, double stop, int num) {
        if (num < 0) {
            throw new IllegalArgumentException("Tensor.linspace: num must be non-negative, got " + num);
        }
        double[] data = new double[num];
        double step = num > 1 ? (stop - start) / (num - 1) : 0;
        for (int i = 0; i < num; i++) {
            data[i] = start + i * step;
        }
        if (num > 1) {
            data[num - 1] = stop;
        }
        return wrap(data, new int[] {num});
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n) {
        return eye(n, n, 0);
    }

    /** An n×m matrix with ones on diagonal {@code k} (0 main, positive above, negative below). */
    public static Tensor eye(int n, int m, int k) {
        int[] s = Shapes.checked(new int[] {n, m});
        double[] data = new double[n * m];
        for (int i = 0; i < n; i++) {
            int j = i + k;
            if (j >= 0 && j < m) {
                data[i * m + j] = 1.0;
            }
        }
        return wrap(data, s);
    }

    /** Standard normal samples; the same seed gives the same tensor on every JVM. */
    public static Tensor randn(long seed, int... shape) {
        int[] s = Shapes.checked(shape);
        SplittableRandom random = new SplittableRandom(seed);
        double[] data = new double[Shapes.size(s)];
        for (int i = 0; i < data.length; i++) {
            data[i] = gaussian(random);
        }
        return wrap(data, s);
    }

    /** Uniform samples in [0, 1); the same seed gives the same tensor on every JVM. */
    public static Tensor rand(long seed, int... shape) {
        int[] s = Shapes.checked(shape);
        SplittableRandom random = new SplittableRandom(seed);
        double[] data = new double[Shapes.size(s)];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble();
        }
        return wrap(data, s);
    }

    /** Marsaglia's polar method: exact normals from a portable uniform stream. */
    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    // ---------------------------------------------------------------- accessors

    /** The shape, a fresh copy. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions; 0 for a scalar. */
    public int ndim() {
        return shape.length;
    }

    /** The number of elements; 1 for a scalar. */
    public int size() {
        return size;
    }

    /** The elements in row-major order, a fresh copy. */
    public double[] toArray() {
        return data().clone();
    }

    /**
     * The one element of a tensor of size 1 (any rank).
     *
     * @throws IllegalArgumentException if the tensor has more or fewer than one element
     */
    public double item() {
        if (size != 1) {
            throw new IllegalArgumentException("item() needs a tensor of size 1, got shape " + Shapes.str(shape));
        }
        return data()[0];
    }

    /**
     * One element by its full index; negative indices count from the end as in numpy.
     *
     * @throws IllegalArgumentException if the number of indices is not {@link #ndim()} or an
     *                                  index is out of range
     */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape "
                    + Shapes.str(shape));
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IllegalArgumentException("get: index " + index[d] + " is out of range for axis " + d
                        + " of a tensor of shape " + Shapes.str(shape));
            }
            flat = flat * shape[d] + i;
        }
        return data()[flat];
    }

    // ---------------------------------------------------------------- storage

    /** The row-major heap array, made from direct memory on first use. Never mutate it. */
    double[] data() {
        double[] h = heap;
        if (h == null) {
            h = new double[size];
            direct.buffer().get(0, h);
            heap = h;
        }
        return h;
    }

    /**
     * The elements for native code from {@code blas}: a direct copy, made on first use and
     * kept, when {@link Blas#tryAllocateDirect} has room; otherwise a heap buffer, which the
     * BLAS stages for the one call.
     */
    DoubleBuffer directBuffer(Blas blas) {
        DirectArray d = direct;
        if (d == null) {
            d = blas.tryAllocateDirect(size);
            if (d == null) {
                return DoubleBuffer.wrap(heap);
            }
            d.buffer().put(0, heap);
            direct = d;
        }
        return d.buffer();
    }

    int[] shapeRef() {
        return shape;
    }

    /** The same elements (shared, both storages) under another shape of the same size. */
    Tensor withShape(int[] newShape) {
        return new Tensor(newShape, heap, direct);
    }

    // ---------------------------------------------------------------- value semantics

    /** Equal when the shapes are equal and every element is equal as by {@link Double#compare}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data(), t.data());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data());
    }

    /** numpy's {@code str()}: nested brackets, aligned columns, long tensors summarised. */
    @Override
    public String toString() {
        return TensorFormat.format(data(), shape);
    }

    /** The bridge internal packages use to reach storage without copies. */
    private static final class StorageAccess implements TensorStorage.Access {
        @Override
        public double[] array(Tensor t) {
            return t.data();
        }

        @Override
        public int[] shape(Tensor t) {
            return t.shape;
        }

        @Override
        public Tensor wrap(double[] data, int[] shape) {
            if (Shapes.size(shape) != data.length) {
                throw new IllegalStateException("internal: " + data.length + " elements for shape " + Shapes.str(shape));
            }
            return Tensor.wrap(data, shape);
        }

        @Override
        public DoubleBuffer direct(Tensor t, Blas blas) {
            return t.directBuffer(blas);
        }

        @Override
        public boolean hasDirect(Tensor t) {
            return t.direct != null;
        }

        @Override
        public int countNativeRead(Tensor t) {
            return ++t.nativeReads;
        }

        @Override
        public Tensor wrapDirect(DirectArray data, int[] shape) {
            if (Shapes.size(shape) != data.buffer().capacity()) {
                throw new IllegalStateException("internal: " + data.buffer().capacity() + " elements for shape "
                        + Shapes.str(shape));
            }
            return new Tensor(shape, null, data);
        }

        @Override
        public Tensor withShape(Tensor t, int[] shape) {
            if (Shapes.size(shape) != t.size) {
                throw new IllegalStateException("internal: reshaping " + Shapes.str(t.shape) + " to " + Shapes.str(shape));
            }
            return t.withShape(shape);
        }
    }
}
