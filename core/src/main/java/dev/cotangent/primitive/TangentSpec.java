package dev.cotangent.primitive;

import dev.cotangent.einsum.Einsum;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;
import dev.cotangent.tensor.internal.TensorStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A multilinear map with one tangent slot, written in einsum notation with the tangent's
 * operand marked {@code @}: {@code "ij,@jk->ik"} is {@code u ↦ d·u}. Applying it is an
 * einsum; its transpose (reverse mode) is derived by {@link Einsum#transpose}.
 *
 * <p>One extension over numpy: an output label that occurs in no operand broadcasts the
 * result along a new axis whose size is the primitive output's (so {@code "adc,@adc->abc"}
 * reads "sum over d, then repeat along b"); its transpose sums along that axis first.
 * Such labels need an output without {@code ...}.
 *
 * @since 0.1
 */
public final class TangentSpec {

    private final String text;
    /** The spec as numpy reads it: no {@code @}, no broadcast-only labels. */
    private final String einsum;
    private final int slot;
    private final int operands;
    /** Positions in the written output of labels that only broadcast; empty almost always. */
    private final int[] broadcastAxes;

    private TangentSpec(String text, String einsum, int slot, int operands, int[] broadcastAxes) {
        this.text = text;
        this.einsum = einsum;
        this.slot = slot;
        this.operands = operands;
        this.broadcastAxes = broadcastAxes;
    }

    /**
     * Parses a spec with exactly one operand marked {@code @} and an explicit {@code ->}.
     *
     * @throws IllegalArgumentException naming the spec if there is not exactly one {@code @},
     *                                  no {@code ->}, or broadcast labels beside {@code ...}
     */
    public static TangentSpec parse(String text) {
        String s = text.replace(" ", "");
        int arrow = s.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("tangent spec '" + text + "' needs an explicit '->' output");
        }
        String[] inputs = s.substring(0, arrow).split(",", -1);
        String output = s.substring(arrow + 2);
        int slot = -1;
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].startsWith("@")) {
                if (slot >= 0) {
                    throw new IllegalArgumentException("tangent spec '" + text + "' marks more than one operand with '@'");
                }
                slot = i;
                inputs[i] = inputs[i].substring(1);
            }
            if (inputs[i].contains("@")) {
                throw new IllegalArgumentException("tangent spec '" + text + "': '@' must start an operand");
            }
            labels.append(inputs[i]);
        }
        if (slot < 0) {
            throw new IllegalArgumentException("tangent spec '" + text + "' marks no operand with '@' (the tangent slot)");
        }
        List<Integer> broadcast = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            if (Character.isLetter(c) && labels.indexOf(String.valueOf(c)) < 0) {
                broadcast.add(i);
            } else {
                kept.append(c);
            }
        }
        if (!broadcast.isEmpty() && output.contains("...")) {
            throw new IllegalArgumentException("tangent spec '" + text
                    + "': broadcast-only output labels cannot be combined with '...'");
        }
        String numpy = String.join(",", inputs) + "->" + kept;
        return new TangentSpec(text, numpy, slot, inputs.length,
                broadcast.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Parsed specs by text: rules and second-order code ask for the same few on every call. */
    private static final Map<String, TangentSpec> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_CAPACITY = 4096;

    /** {@link #parse}, remembered for the first {@value #PARSED_CAPACITY} specs asked for. */
    public static TangentSpec of(String text) {
        TangentSpec spec = PARSED.get(text);
        if (spec == null) {
            spec = parse(text);
            if (PARSED.size() < PARSED_CAPACITY) {
                PARSED.putIfAbsent(text, spec);
            }
        }
        return spec;
    }

    /** The position of the tangent among the operands. */
    public int slot() {
        return slot;
    }

    /** The number of operands including the tangent: derivative values number one fewer. */
    public int operands() {
        return operands;
    }

    /** {@code B(d, u)}, fitted to {@code outShape}. */
    public Tensor apply(Tensor[] d, Tensor u, int[] outShape) {
        Tensor r = Einsum.einsum(einsum, withTangent(d, u));
        if (broadcastAxes.length > 0) {
            Tensor expanded = Np.expand_dims(r, broadcastAxes);
            r = Np.broadcast_to(expanded, broadcastShape(TensorStorage.shape(expanded), outShape));
        }
        return Fit.to(r, outShape);
    }

    /** {@code Bᵀ(d, v)}: the adjoint of a tangent of shape {@code tangentShape}. */
    public Tensor transpose(Tensor[] d, Tensor v, int[] tangentShape) {
        return transposeAt(slot, withTangent(d, null), tangentShape, v);
    }

    /**
     * The transpose of {@code B} with respect to derivative value {@code j}, the tangent held
     * at {@code u}: the adjoint of {@code d[j]} for output cotangent {@code v}. {@code B} is
     * linear in each operand, so this is the same einsum transposed to another slot; second
     * derivatives ({@code ∂B(d(x), u)/∂x}) need it.
     */
    public Tensor transposeValue(int j, Tensor[] d, Tensor u, Tensor v) {
        Tensor[] ops = withTangent(d, u);
        int position = j < slot ? j : j + 1;
        return transposeAt(position, ops, TensorStorage.shape(d[j]), v);
    }

    /** The adjoint of operand {@code position} (of shape {@code shape}) for output cotangent {@code v}. */
    private Tensor transposeAt(int position, Tensor[] ops, int[] shape, Tensor v) {
        int[][] shapes = new int[ops.length][];
        for (int i = 0; i < ops.length; i++) {
            shapes[i] = i == position ? shape : TensorStorage.shape(ops[i]);
        }
        int[] natural = Einsum.outputShape(einsum, shapes);
        // The transpose of "broadcast along the new axes" is "sum along them".
        Tensor w = broadcastAxes.length > 0 ? Np.sum(v, broadcastAxes, false) : v;
        return Einsum.transpose(einsum, position, ops, shape, Fit.back(w, natural));
    }

    private Tensor[] withTangent(Tensor[] d, Tensor u) {
        if (d.length != operands - 1) {
            throw new IllegalStateException("tangent spec '" + text + "' takes " + (operands - 1)
                    + " derivative values, the rule gave " + d.length);
        }
        Tensor[] ops = new Tensor[operands];
        for (int i = 0, j = 0; i < operands; i++) {
            ops[i] = i == slot ? u : d[j++];
        }
        return ops;
    }

    /** {@code expanded} (1s at the broadcast axes) with those axes sized as in the output. */
    private int[] broadcastShape(int[] expanded, int[] outShape) {
        int[] target = expanded.clone();
        if (outShape.length != target.length) {
            throw new IllegalStateException("tangent spec '" + text + "' with broadcast labels needs an output of rank "
                    + target.length + ", the primitive's output has shape " + Shapes.str(outShape));
        }
        for (int a : broadcastAxes) {
            target[a] = outShape[a];
        }
        return target;
    }

    @Override
    public String toString() {
        return text;
    }
}
