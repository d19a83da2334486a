package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

import java.util.Arrays;

/** Kernels behind Np's shape operations: views, joins, repeats and index gathers. */
final class Shaping {

    private Shaping() {}

    static Tensor gather(Tensor x, StridedView view) {
        return Tensor.wrap(view.gather(x.data()), view.shape());
    }

    static int[] identityPermutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    static int[] reshapeTarget(int[] from, int[] shape) {
        int[] target = shape.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: can only infer one dimension, got " + Shapes.str(shape));
                }
                inferred = i;
            } else if (target[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Shapes.str(shape));
            } else {
                known *= target[i];
            }
        }
        int size = Shapes.size(from);
        if (inferred >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape a tensor of shape " + Shapes.str(from)
                        + " (size " + size + ") into " + Shapes.str(shape));
            }
            target[inferred] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("reshape: cannot reshape a tensor of shape " + Shapes.str(from)
                    + " (size " + size + ") into " + Shapes.str(target));
        }
        return target;
    }

    static StridedView permuted(String op, int[] shape, int[] axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException(op + ": axes " + Arrays.toString(axes) + " do not match a tensor of shape "
                    + Shapes.str(shape));
        }
        int[] norm = Shapes.axes(op, axes, shape);
        int[] strides = Shapes.strides(shape);
        int[] outShape = new int[shape.length];
        int[] outStrides = new int[shape.length];
        for (int i = 0; i < norm.length; i++) {
            outShape[i] = shape[norm[i]];
            outStrides[i] = strides[norm[i]];
        }
        return new StridedView(0, outShape, outStrides);
    }

    static int[] moveaxisPermutation(int[] shape, int[] source, int[] destination) {
        if (source.length != destination.length) {
            throw new IllegalArgumentException("moveaxis: source " + Arrays.toString(source) + " and destination "
                    + Arrays.toString(destination) + " must have the same number of elements");
        }
        int n = shape.length;
        int[] src = Shapes.axes("moveaxis", source, shape);
        int[] dst = Shapes.axes("moveaxis", destination, shape);
        int[] perm = new int[n];
        Arrays.fill(perm, -1);
        boolean[] moved = new boolean[n];
        for (int i = 0; i < src.length; i++) {
            perm[dst[i]] = src[i];
            moved[src[i]] = true;
        }
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (perm[i] == -1) {
                while (moved[next]) {
                    next++;
                }
                perm[i] = next++;
            }
        }
        return perm;
    }

    static int[] expandedShape(int[] shape, int[] axes) {
        int rank = shape.length + axes.length;
        boolean[] isNew = new boolean[rank];
        for (int a : axes) {
            int ax = Shapes.axis("expand_dims", a, rank, shape);
            if (isNew[ax]) {
                throw new IllegalArgumentException("expand_dims: repeated axis " + a + " in " + Arrays.toString(axes)
                        + " for a tensor of shape " + Shapes.str(shape));
            }
            isNew[ax] = true;
        }
        int[] out = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = isNew[i] ? 1 : shape[j++];
        }
        return out;
    }

    static int[] squeezedShape(int[] shape, int[] axes) {
        boolean[] drop = new boolean[shape.length];
        if (axes == null) {
            for (int i = 0; i < shape.length; i++) {
                drop[i] = shape[i] == 1;
            }
        } else {
            for (int a : Shapes.axes("squeeze", axes, shape)) {
                if (shape[a] != 1) {
                    throw new IllegalArgumentException("squeeze: cannot remove axis " + a + " of size " + shape[a]
                            + " from a tensor of shape " + Shapes.str(shape));
                }
                drop[a] = true;
            }
        }
        int[] out = new int[shape.length];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!drop[i]) {
                out[j++] = shape[i];
            }
        }
        return Arrays.copyOf(out, j);
    }

    static StridedView flipped(int[] shape, int[] axes) {
        int[] strides = Shapes.strides(shape);
        int offset = 0;
        for (int a : axes) {
            if (shape[a] > 0) {
                offset += (shape[a] - 1) * strides[a];
            }
            strides[a] = -strides[a];
        }
        return new StridedView(offset, shape, strides);
    }

    /** The view {@code x[start:stop:step]} along {@code axis}, with Python's clamping. */
    static StridedView sliced(int[] shape, int axis, int start, int stop, int step) {
        if (step == 0) {
            throw new IllegalArgumentException("slice: step must not be zero (axis " + axis + " of shape "
                    + Shapes.str(shape) + ")");
        }
        int n = shape[axis];
        int lo;
        int hi;
        if (step > 0) {
            lo = clamp(start, n, 0, n);
            hi = clamp(stop, n, 0, n);
        } else {
            lo = clamp(start, n, -1, n - 1);
            hi = stop == Integer.MIN_VALUE ? -1 : clamp(stop, n, -1, n - 1);
        }
        // In long: a step near ±2^31 would overflow the rounding-up in int.
        long span = step > 0 ? (long) hi - lo : (long) lo - hi;
        long stride = Math.abs((long) step);
        int count = (int) Math.max(0, (span + stride - 1) / stride);
        int[] strides = Shapes.strides(shape);
        int[] outShape = shape.clone();
        outShape[axis] = count;
        int offset = count == 0 ? 0 : lo * strides[axis];
        strides[axis] *= step;
        return new StridedView(offset, outShape, strides);
    }

    private static int clamp(int index, int n, int min, int max) {
        int i = index < 0 ? index + n : index;
        return Math.max(min, Math.min(max, i));
    }

    static Tensor concatenate(Tensor[] xs, int axis) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("concatenate: need at least one tensor");
        }
        int[] first = xs[0].shapeRef();
        if (first.length == 0) {
            throw new IllegalArgumentException("concatenate: zero-dimensional tensors cannot be concatenated");
        }
        int ax = Shapes.axis("concatenate", axis, first);
        int total = 0;
        for (int i = 0; i < xs.length; i++) {
            int[] s = xs[i].shapeRef();
            boolean ok = s.length == first.length;
            for (int d = 0; ok && d < s.length; d++) {
                ok = d == ax || s[d] == first[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("concatenate: tensor " + i + " has shape " + Shapes.str(s)
                        + " but tensor 0 has shape " + Shapes.str(first) + " (joining along axis " + ax + ")");
            }
            total += s[ax];
        }
        int[] outShape = first.clone();
        outShape[ax] = total;
        double[] out = new double[Shapes.size(outShape)];
        int inner = Shapes.strides(outShape)[ax];
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= first[d];
        }
        int position = 0;
        for (Tensor x : xs) {
            int block = x.shapeRef()[ax] * inner;
            double[] a = x.data();
            for (int p = 0; p < outer; p++) {
                System.arraycopy(a, p * block, out, p * total * inner + position, block);
            }
            position += block;
        }
        return Tensor.wrap(out, outShape);
    }

    static Tensor tile(Tensor x, int[] reps) {
        int[] shape = x.shapeRef();
        int rank = Math.max(shape.length, reps.length);
        int[] s = new int[rank];
        int[] r = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = i < rank - shape.length ? 1 : shape[i - (rank - shape.length)];
            r[i] = i < rank - reps.length ? 1 : reps[i - (rank - reps.length)];
            if (r[i] < 0) {
                throw new IllegalArgumentException("tile: negative repetition in " + Arrays.toString(reps)
                        + " for a tensor of shape " + Shapes.str(shape));
            }
        }
        // Tiling is a broadcast of shape (1, s0, 1, s1, …) to (r0, s0, r1, s1, …), then a reshape.
        int[] interleaved = new int[2 * rank];
        int[] target = new int[2 * rank];
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            interleaved[2 * i] = 1;
            interleaved[2 * i + 1] = s[i];
            target[2 * i] = r[i];
            target[2 * i + 1] = s[i];
            outShape[i] = r[i] * s[i];
        }
        Tensor spread = Np.broadcast_to(x.withShape(interleaved), target);
        return spread.withShape(outShape);
    }

    static Tensor repeat(Tensor x, int repeats, int axis) {
        if (repeats < 0) {
            throw new IllegalArgumentException("repeat: negative repeats " + repeats + " along axis " + axis
                    + " of a tensor of shape " + Shapes.str(x.shapeRef()));
        }
        int[] shape = x.shapeRef();
        // Repeating is a broadcast of a new axis right after `axis`, then a reshape.
        int[] expanded = new int[shape.length + 1];
        int[] target = new int[shape.length + 1];
        for (int i = 0, j = 0; i < expanded.length; i++) {
            if (i == axis + 1) {
                expanded[i] = 1;
                target[i] = repeats;
            } else {
                expanded[i] = shape[j];
                target[i] = shape[j];
                j++;
            }
        }
        int[] outShape = shape.clone();
        outShape[axis] *= repeats;
        return Np.broadcast_to(x.withShape(expanded), target).withShape(outShape);
    }

    static Tensor pad(Tensor x, int[][] padWidth) {
        int[] shape = x.shapeRef();
        if (padWidth.length != shape.length) {
            throw new IllegalArgumentException("pad: " + padWidth.length + " pad widths for a tensor of shape "
                    + Shapes.str(shape));
        }
        int[] outShape = new int[shape.length];
        int offset = 0;
        for (int i = 0; i < shape.length; i++) {
            if (padWidth[i].length != 2 || padWidth[i][0] < 0 || padWidth[i][1] < 0) {
                throw new IllegalArgumentException("pad: axis " + i + " needs {before, after} >= 0, got "
                        + Arrays.toString(padWidth[i]));
            }
            outShape[i] = shape[i] + padWidth[i][0] + padWidth[i][1];
        }
        int[] outStridesFull = Shapes.strides(outShape);
        for (int i = 0; i < shape.length; i++) {
            offset += padWidth[i][0] * outStridesFull[i];
        }
        double[] out = new double[Shapes.size(outShape)];
        StridedView interior = new StridedView(offset, shape, outStridesFull);
        interior.scatterAdd(x.data(), out);
        return Tensor.wrap(out, outShape);
    }

    static Tensor take(Tensor x, int[] indices, int axis) {
        int[] shape = x.shapeRef();
        int n = shape[axis];
        int[] outShape = shape.clone();
        outShape[axis] = indices.length;
        int outer = product(shape, 0, axis);
        int inner = product(shape, axis + 1, shape.length);
        double[] a = x.data();
        double[] out = new double[Shapes.size(outShape)];
        int[] resolved = resolveIndices("take", indices, n, axis, shape);
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < resolved.length; i++) {
                System.arraycopy(a, (p * n + resolved[i]) * inner, out, (p * indices.length + i) * inner, inner);
            }
        }
        return Tensor.wrap(out, outShape);
    }

    /** The product of {@code shape[from:to]}. */
    static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return p;
    }

    static int[] resolveIndices(String op, int[] indices, int n, int axis, int[] shape) {
        int[] resolved = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i] < 0 ? indices[i] + n : indices[i];
            if (k < 0 || k >= n) {
                throw new IllegalArgumentException(op + ": index " + indices[i] + " is out of bounds for axis " + axis
                        + " with size " + n + " (tensor of shape " + Shapes.str(shape) + ")");
            }
            resolved[i] = k;
        }
        return resolved;
    }

    static Tensor argExtreme(String op, Tensor x, int axis, boolean max) {
        int[] shape = x.shapeRef();
        int ax = Shapes.axis(op, axis, shape);
        int n = shape[ax];
        if (n == 0) {
            throw new IllegalArgumentException(op + ": attempt to get " + op + " of an empty axis " + axis
                    + " of a tensor of shape " + Shapes.str(shape));
        }
        int outer = product(shape, 0, ax);
        int inner = product(shape, ax + 1, shape.length);
        double[] a = x.data();
        double[] out = new double[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int q = 0; q < inner; q++) {
                int best = 0;
                double bestValue = a[p * n * inner + q];
                for (int t = 1; t < n && !Double.isNaN(bestValue); t++) {
                    double v = a[(p * n + t) * inner + q];
                    if (Double.isNaN(v) || (max ? v > bestValue : v < bestValue)) {
                        best = t;
                        bestValue = v;
                    }
                }
                out[p * inner + q] = best;
            }
        }
        return Tensor.wrap(out, Shapes.reduced(shape, new int[] {ax}, false));
    }

    /** numpy's diagonal as a view: the other axes in order, then the diagonal as the last axis. */
    static StridedView diagonalView(String op, int[] shape, int offset, int axis1, int axis2) {
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": needs at least 2 dimensions, got shape " + Shapes.str(shape));
        }
        int a1 = Shapes.axis(op, axis1, shape);
        int a2 = Shapes.axis(op, axis2, shape);
        if (a1 == a2) {
            throw new IllegalArgumentException(op + ": axis1 and axis2 cannot be the same (" + axis1 + ", " + axis2
                    + ") for shape " + Shapes.str(shape));
        }
        int[] strides = Shapes.strides(shape);
        int length = offset >= 0 ? Math.min(shape[a1], shape[a2] - offset) : Math.min(shape[a1] + offset, shape[a2]);
        length = Math.max(0, length);
        int start = length == 0 ? 0 : (offset >= 0 ? offset * strides[a2] : -offset * strides[a1]);
        int[] outShape = new int[shape.length - 1];
        int[] outStrides = new int[shape.length - 1];
        int j = 0;
        for (int d = 0; d < shape.length; d++) {
            if (d != a1 && d != a2) {
                outShape[j] = shape[d];
                outStrides[j] = strides[d];
                j++;
            }
        }
        outShape[j] = length;
        outStrides[j] = strides[a1] + strides[a2];
        return new StridedView(start, outShape, outStrides);
    }

    /** Zeroes the elements of the last two axes outside the triangle: upper keeps {@code j − i ≥ k}, lower {@code j − i ≤ k}. */
    static Tensor triangle(String op, Tensor m, int k, boolean upper) {
        int[] shape = m.shapeRef();
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": needs at least 2 dimensions, got shape " + Shapes.str(shape));
        }
        int rows = shape[shape.length - 2];
        int cols = shape[shape.length - 1];
        double[] a = m.data();
        double[] out = a.clone();
        for (int base = 0; base < out.length; base += rows * cols) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    boolean keep = upper ? j - i >= k : j - i <= k;
                    if (!keep) {
                        out[base + i * cols + j] = 0.0;
                    }
                }
            }
        }
        return Tensor.wrap(out, shape);
    }
}
