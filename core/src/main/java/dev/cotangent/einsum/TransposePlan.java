package dev.cotangent.einsum;

import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;
import dev.cotangent.tensor.internal.TensorStorage;

/**
 * The adjoint of an einsum with respect to one operand k, planned once per (spec, k,
 * shapes): an einsum of the other operands and the cotangent whose output is k's labels,
 * followed by an embedding into k's shape that makes the three corrections einsum cannot
 * express — a label only k has is broadcast back, a label repeated in k is written onto
 * its diagonal (zeros elsewhere), and an axis where k was broadcast (size 1, or ellipsis
 * axes k lacks) has been summed away by leaving it out of the einsum's output.
 */
final class TransposePlan {

    private final EinsumPlan contraction;
    private final int k;
    /** Writes the contraction's result into k's shape; {@code null} when a reshape does. */
    private final StridedCopy embedding;
    private final int[] shapeOfK;
    private final int[] cotangentShape;

    private TransposePlan(EinsumPlan contraction, int k, StridedCopy embedding, int[] shapeOfK,
                          int[] cotangentShape) {
        this.contraction = contraction;
        this.k = k;
        this.embedding = embedding;
        this.shapeOfK = shapeOfK;
        this.cotangentShape = cotangentShape;
    }

    /** The steps of the contraction, and whether an embedding follows it: for tests that check the fast path. */
    java.util.List<EinsumPlan.Step> steps() {
        return contraction.steps();
    }

    boolean embeds() {
        return embedding != null;
    }

    /** The shape the cotangent must have: the forward output's. */
    int[] cotangentShape() {
        return cotangentShape;
    }

    static TransposePlan of(EinsumSpec spec, int k) {
        int n = spec.operandCount();
        int[] size = spec.sizes();
        int[] lk = spec.labels(k);
        int[] sk = spec.shape(k);
        boolean[] elsewhere = EinsumPlan.mask(spec.output(), size.length);
        int[][] labels = new int[n][];
        int[][] shapes = new int[n][];
        for (int j = 0, t = 0; j < n; j++) {
            if (j != k) {
                labels[t] = spec.labels(j);
                shapes[t++] = spec.shape(j);
                for (int id : spec.labels(j)) {
                    elsewhere[id] = true;
                }
            }
        }
        labels[n - 1] = spec.output();
        shapes[n - 1] = spec.outputShapeRef();
        int[] result = new int[lk.length];
        int count = 0;
        for (int id : EinsumPlan.distinct(lk)) {
            // k's own labels, less those einsum cannot produce (only k has them) and those
            // along which k was broadcast (the adjoint sums over them).
            if (elsewhere[id] && !(sk[indexOf(lk, id)] == 1 && size[id] > 1)) {
                result[count++] = id;
            }
        }
        result = java.util.Arrays.copyOf(result, count);
        EinsumSpec transposed = new EinsumSpec(spec.spec() + " (transposed for operand " + k + ")",
                labels, shapes, result, size.length);
        int[] resultShape = transposed.outputShapeRef();
        StridedCopy embedding = null;
        if (EinsumPlan.hasRepeats(lk)
                || !java.util.Arrays.equals(EinsumPlan.nonUnit(result, resultShape), EinsumPlan.nonUnit(lk, sk))) {
            embedding = embedding(lk, sk, result, resultShape);
        }
        return new TransposePlan(EinsumPlan.of(transposed), k, embedding, sk.clone(), spec.outputShape());
    }

    /** Reads the result (broadcasting where it lacks a label or has it with size 1) into k's axes. */
    private static StridedCopy embedding(int[] lk, int[] sk, int[] result, int[] resultShape) {
        int[] kStrides = StridedCopy.strides(sk);
        int[] rStrides = StridedCopy.strides(resultShape);
        int[] labels = EinsumPlan.distinct(lk);
        int[] extents = new int[labels.length];
        int[] in = new int[labels.length];
        int[] out = new int[labels.length];
        for (int u = 0; u < labels.length; u++) {
            for (int a = 0; a < lk.length; a++) {
                if (lk[a] == labels[u]) {
                    extents[u] = sk[a];
                    out[u] += kStrides[a];
                }
            }
            int r = indexOf(result, labels[u]);
            in[u] = r >= 0 && resultShape[r] > 1 ? rStrides[r] : 0;
        }
        return StridedCopy.of(extents, in, out, Shapes.size(sk));
    }

    /** The adjoint for operand k; {@code operands[k]} is not read. */
    Tensor run(Tensor[] operands, Tensor cotangent) {
        Tensor[] inputs = new Tensor[operands.length];
        for (int j = 0, t = 0; j < operands.length; j++) {
            if (j != k) {
                inputs[t++] = operands[j];
            }
        }
        inputs[operands.length - 1] = cotangent;
        Tensor r = contraction.run(inputs);
        if (embedding != null) {
            return TensorStorage.wrap(embedding.apply(TensorStorage.array(r)), shapeOfK.clone());
        }
        if (Shapes.same(TensorStorage.shape(r), shapeOfK)) {
            return r;
        }
        return TensorStorage.withShape(r, shapeOfK.clone());
    }

    private static int indexOf(int[] labels, int id) {
        for (int a = 0; a < labels.length; a++) {
            if (labels[a] == id) {
                return a;
            }
        }
        return -1;
    }
}
