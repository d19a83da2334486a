package dev.cotangent.primitive;

import dev.cotangent.einsum.Einsum;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/** Sequence arguments ({@code Tensor[]}) as the rules and second-order code handle them. */
final class Parts {

    private Parts() {}

    /** {@code parts} with {@code u} in place {@code k}. */
    static Tensor[] replaced(Tensor[] parts, int k, Tensor u) {
        Tensor[] out = parts.clone();
        out[k] = u;
        return out;
    }

    /** {@code parts} with each {@code null} (a zero tangent) replaced by zeros shaped like its primal. */
    static Tensor[] zerosForNulls(Tensor[] parts, Tensor[] like) {
        Tensor[] out = parts.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = Np.zeros_like(like[i]);
            }
        }
        return out;
    }

    /**
     * The tangent of {@code einsum(spec, operands)}: {@code Σₖ einsum(spec, operands with
     * tangents[k] in slot k)} over the non-{@code null} tangents, or {@code null} if there are none.
     */
    static Tensor einsumTangent(String spec, Tensor[] operands, Tensor[] tangents) {
        Tensor sum = null;
        for (int k = 0; k < operands.length; k++) {
            if (tangents[k] != null) {
                Tensor r = Einsum.einsum(spec, replaced(operands, k, tangents[k]));
                sum = sum == null ? r : Np.add(sum, r);
            }
        }
        return sum;
    }
}
