package dev.cotangent.runtime;

import dev.cotangent.tensor.Tensor;

/**
 * The linear maps between the scalar and array world and the tensor world — reading a
 * tensor's element, making a tensor of a scalar or an array, reading a tensor into an array —
 * each declared with its transpose, for woven code: the tangent of such a call is the map
 * applied to the tangent ({@code null} tensors are zero), the adjoint is the transpose
 * applied to the cotangent.
 *
 * <p>Part of the small surface woven code calls; not for users.
 */
public final class TensorBridge {

    private TensorBridge() {}

    // Tensor.item(): the one element.

    public static double itemTangent(Object dx) {
        return dx == null ? 0.0 : ((Tensor) dx).item();
    }

    public static Object itemAdjoint(Object x, double g) {
        return Tensor.full(g, ((Tensor) x).shape());
    }

    // Tensor.scalar(double): a rank-0 tensor.

    public static Object scalarTangent(double dx) {
        return Tensor.scalar(dx);
    }

    public static double scalarAdjoint(Object g) {
        return g == null ? 0.0 : ((Tensor) g).item();
    }

    // Tensor.get(int...): one element by index.

    public static double getTangent(Object dx, int[] index) {
        return dx == null ? 0.0 : ((Tensor) dx).get(index);
    }

    public static Object getAdjoint(Object x, int[] index, double g) {
        Tensor t = (Tensor) x;
        int[] shape = t.shape();
        double[] out = new double[t.size()];
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            flat = flat * shape[d] + i;
        }
        out[flat] = g;
        return Tensor.of(out, shape);
    }

    // Tensor.of(double[], int...) and Tensor.of(double[]): a tensor holding a copy of an array.

    public static Object ofTangent(double[] d, int[] shape) {
        return shape == null ? Tensor.of(d) : Tensor.of(d, shape);
    }

    /** Adds the cotangent's elements into the array's shadow. */
    public static void ofAdjoint(double[] shadow, Object g) {
        if (g == null) {
            return;
        }
        double[] v = ((Tensor) g).toArray();
        for (int i = 0; i < v.length; i++) {
            shadow[i] += v[i];
        }
    }

    // Tensor.toArray(): the elements in a new array.

    public static double[] toArrayTangent(Object dx, Object x) {
        return dx == null ? new double[((Tensor) x).size()] : ((Tensor) dx).toArray();
    }

    /** The adjoint of the tensor read: what accumulated in the array's shadow, shaped like the tensor. */
    public static Object toArrayAdjoint(double[] shadow, Object x) {
        return Tensor.of(shadow, ((Tensor) x).shape());
    }
}
