package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise kernels: one function applied to every element, or to broadcast pairs and
 * triples of elements. The loops are small so that HotSpot inlines them into each caller
 * with the function constant, which lets it inline the function too.
 */
final class Elementwise {

    private Elementwise() {}

    static Tensor map(Tensor x, DoubleUnaryOperator f) {
        double[] a = x.data();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = f.applyAsDouble(a[i]);
        }
        return Tensor.wrap(out, x.shapeRef());
    }

    /** {@code f(a, b)} with numpy broadcasting; {@code op} names the operation in errors. */
    static Tensor zip(String op, Tensor x, Tensor y, DoubleBinaryOperator f) {
        int[] sa = x.shapeRef();
        if (Shapes.same(sa, y.shapeRef())) {
            // Kept apart from the broadcasting cases so that this method stays small enough
            // to be inlined into each operation with f constant (then the loop vectorises).
            double[] a = x.data();
            double[] b = y.data();
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = f.applyAsDouble(a[i], b[i]);
            }
            return Tensor.wrap(out, sa);
        }
        return zipBroadcast(op, x, y, f);
    }

    private static Tensor zipBroadcast(String op, Tensor x, Tensor y, DoubleBinaryOperator f) {
        double[] a = x.data();
        double[] b = y.data();
        int[] sa = x.shapeRef();
        int[] sb = y.shapeRef();
        int[] shape = Shapes.broadcast(op, sa, sb);
        double[] out = new double[Shapes.size(shape)];
        if (b.length == 1 && out.length == a.length) {
            double bv = b[0];
            for (int i = 0; i < a.length; i++) {
                out[i] = f.applyAsDouble(a[i], bv);
            }
        } else if (a.length == 1 && out.length == b.length) {
            double av = a[0];
            for (int i = 0; i < b.length; i++) {
                out[i] = f.applyAsDouble(av, b[i]);
            }
        } else if (out.length > 0) {
            int[] strideA = Shapes.broadcastStrides(sa, shape);
            int[] strideB = Shapes.broadcastStrides(sb, shape);
            int rank = shape.length;
            int inner = shape[rank - 1];
            int ia = strideA[rank - 1];
            int ib = strideB[rank - 1];
            int[] counter = new int[rank];
            int offA = 0;
            int offB = 0;
            for (int o = 0; o < out.length; o += inner) {
                if (ia == 1 && ib == 1 && row(f, a, offA, b, offB, out, o, inner)) {
                    // done by a loop specialised to the operation
                } else {
                    for (int j = 0; j < inner; j++) {
                        out[o + j] = f.applyAsDouble(a[offA + j * ia], b[offB + j * ib]);
                    }
                }
                // Advance the multi-index over all but the last axis.
                for (int d = rank - 2; d >= 0; d--) {
                    offA += strideA[d];
                    offB += strideB[d];
                    if (++counter[d] < shape[d]) {
                        break;
                    }
                    offA -= strideA[d] * shape[d];
                    offB -= strideB[d] * shape[d];
                    counter[d] = 0;
                }
            }
        }
        return Tensor.wrap(out, shape);
    }

    /** The four arithmetic operations, shared so that the broadcasting loop can recognise them. */
    static final DoubleBinaryOperator ADD = Double::sum;
    static final DoubleBinaryOperator SUBTRACT = (x, y) -> x - y;
    static final DoubleBinaryOperator MULTIPLY = (x, y) -> x * y;
    static final DoubleBinaryOperator DIVIDE = (x, y) -> x / y;

    /**
     * One contiguous row of a broadcast arithmetic operation as a loop of its own: the general
     * loop calls {@code f} through an interface shared by every operation, which the JIT cannot
     * inline there, while these loops vectorise. Returns false for other operations.
     */
    private static boolean row(DoubleBinaryOperator f, double[] a, int ia, double[] b, int ib, double[] out, int o,
                               int n) {
        if (f == ADD) {
            for (int j = 0; j < n; j++) {
                out[o + j] = a[ia + j] + b[ib + j];
            }
        } else if (f == SUBTRACT) {
            for (int j = 0; j < n; j++) {
                out[o + j] = a[ia + j] - b[ib + j];
            }
        } else if (f == MULTIPLY) {
            for (int j = 0; j < n; j++) {
                out[o + j] = a[ia + j] * b[ib + j];
            }
        } else if (f == DIVIDE) {
            for (int j = 0; j < n; j++) {
                out[o + j] = a[ia + j] / b[ib + j];
            }
        } else {
            return false;
        }
        return true;
    }

    /** Three-way broadcast select/combine, used by {@code where} and {@code clip}. */
    interface Ternary {
        double apply(double a, double b, double c);
    }

    static Tensor zip3(String op, Tensor x, Tensor y, Tensor z, Ternary f) {
        int[] shape = Shapes.broadcast(op, Shapes.broadcast(op, x.shapeRef(), y.shapeRef()), z.shapeRef());
        double[] a = x.data();
        double[] b = y.data();
        double[] c = z.data();
        int[] strideA = Shapes.broadcastStrides(x.shapeRef(), shape);
        int[] strideB = Shapes.broadcastStrides(y.shapeRef(), shape);
        int[] strideC = Shapes.broadcastStrides(z.shapeRef(), shape);
        double[] out = new double[Shapes.size(shape)];
        int rank = shape.length;
        int[] counter = new int[rank];
        int offA = 0;
        int offB = 0;
        int offC = 0;
        for (int o = 0; o < out.length; o++) {
            out[o] = f.apply(a[offA], b[offB], c[offC]);
            for (int d = rank - 1; d >= 0; d--) {
                offA += strideA[d];
                offB += strideB[d];
                offC += strideC[d];
                if (++counter[d] < shape[d]) {
                    break;
                }
                offA -= strideA[d] * shape[d];
                offB -= strideB[d] * shape[d];
                offC -= strideC[d] * shape[d];
                counter[d] = 0;
            }
        }
        return Tensor.wrap(out, shape);
    }
}
