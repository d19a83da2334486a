package dev.cotangent.einsum;

import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;
import dev.cotangent.tensor.internal.TensorStorage;

import java.util.Objects;

/**
 * numpy's {@code einsum}, and its transpose with respect to one operand — the rule every
 * reverse-mode derivative in Cotangent is derived from.
 *
 * <p>Specs follow numpy exactly; see {@link EinsumSpec} for what is accepted and rejected
 * (always with an {@link IllegalArgumentException} naming the spec and the offending
 * shapes or labels). Evaluation is planned once per (spec, shapes) and cached in a bounded
 * cache shared by all threads: per-operand diagonals and sums first, then pairwise products
 * in a greedy cheap order, each a batched GEMM read through transpose flags where the
 * layout allows (see {@link Gemm}), or an elementwise product when nothing is summed.
 *
 * <p>Results are new tensors, or an operand itself when the spec is the identity on it
 * (tensors are immutable, so this is not observable). No argument may be {@code null},
 * except where {@link #transpose} says so ({@link NullPointerException}).
 *
 * @since 0.1
 */
public final class Einsum {

    /** Distinct (spec, shapes) plans kept; a plan is a few hundred bytes. */
    static final int CACHE_CAPACITY = 1024;

    private static final PlanCache<EinsumPlan> PLANS = new PlanCache<>(CACHE_CAPACITY);
    private static final PlanCache<TransposePlan> TRANSPOSES = new PlanCache<>(CACHE_CAPACITY);
    private static final PlanCache<int[]> OUTPUT_SHAPES = new PlanCache<>(CACHE_CAPACITY);

    private Einsum() {}

    /**
     * Evaluates {@code spec} on the operands, as {@code numpy.einsum(spec, *operands)}.
     *
     * @throws IllegalArgumentException if the spec is malformed or does not fit the shapes
     */
    public static Tensor einsum(String spec, Tensor... operands) {
        Objects.requireNonNull(spec, "einsum: spec is null");
        int[][] shapes = shapes(spec, operands, -1);
        PlanCache.Key key = PlanCache.key(-1, spec, shapes);
        EinsumPlan plan = PLANS.get(key);
        if (plan == null) {
            plan = EinsumPlan.of(EinsumSpec.parse(spec, shapes));
            PLANS.put(key, plan);
        }
        return plan.run(operands);
    }

    /**
     * The shape {@link #einsum} returns for operands of the given shapes.
     *
     * @throws IllegalArgumentException as {@link #einsum} does
     */
    public static int[] outputShape(String spec, int[]... shapes) {
        Objects.requireNonNull(spec, "einsum: spec is null");
        // Every transposed rule asks this per call: parsing each time cost more than the product.
        PlanCache.Key key = PlanCache.key(-1, spec, shapes);
        int[] shape = OUTPUT_SHAPES.get(key);
        if (shape == null) {
            shape = EinsumSpec.parse(spec, shapes).outputShape();
            OUTPUT_SHAPES.put(key, shape);
        }
        return shape.clone();
    }

    /**
     * The transpose of {@code einsum(spec, operands)} as a linear map of operand {@code k}:
     * given a cotangent {@code v} of the output's shape, the {@code u} of shape
     * {@code shapeOfK} with {@code ⟨einsum(…u…), v⟩ = ⟨u', u⟩} for every {@code u'} put in
     * slot k. This is the vector-Jacobian product of einsum with respect to operand k.
     *
     * <p>It is the einsum of the other operands and {@code v} whose output is k's labels,
     * with three corrections: a label only k has is broadcast along; a label repeated in k
     * puts the adjoint on that diagonal, zeros elsewhere; axes along which k was broadcast
     * (size 1, or ellipsis axes k lacks) are summed back to k's shape.
     *
     * @param operands  all operands; {@code operands[k]} is not read and may be {@code null}
     * @param shapeOfK  the shape of operand k
     * @param cotangent a tensor of the output's shape
     * @throws IllegalArgumentException if the spec does not fit the shapes, {@code k} is out
     *                                  of range, or the cotangent's shape is not the output's
     */
    public static Tensor transpose(String spec, int k, Tensor[] operands, int[] shapeOfK, Tensor cotangent) {
        Objects.requireNonNull(spec, "einsum: spec is null");
        Objects.requireNonNull(operands, "einsum: operands is null");
        Objects.requireNonNull(shapeOfK, "einsum: shapeOfK is null");
        Objects.requireNonNull(cotangent, "einsum: cotangent is null");
        if (k < 0 || k >= operands.length) {
            throw EinsumSpec.fail(spec, "cannot transpose for operand " + k + " of " + operands.length);
        }
        int[][] shapes = shapes(spec, operands, k);
        shapes[k] = shapeOfK;
        PlanCache.Key key = PlanCache.key(k, spec, shapes);
        TransposePlan plan = TRANSPOSES.get(key);
        if (plan == null) {
            EinsumSpec parsed = EinsumSpec.parse(spec, shapes);
            int[] cotangentShape = TensorStorage.shape(cotangent);
            if (!Shapes.same(cotangentShape, parsed.outputShapeRef())) {
                throw EinsumSpec.fail(spec, "the cotangent has shape " + Shapes.str(cotangentShape)
                        + " but the output has shape " + Shapes.str(parsed.outputShapeRef()));
            }
            plan = TransposePlan.of(parsed, k);
            TRANSPOSES.put(key, plan);
        } else {
            checkCotangent(spec, plan, cotangent);
        }
        return plan.run(operands, cotangent);
    }

    private static void checkCotangent(String spec, TransposePlan plan, Tensor cotangent) {
        if (!Shapes.same(TensorStorage.shape(cotangent), plan.cotangentShape())) {
            throw EinsumSpec.fail(spec, "the cotangent has shape " + Shapes.str(TensorStorage.shape(cotangent))
                    + " but the output has shape " + Shapes.str(plan.cotangentShape()));
        }
    }

    /** The operands' shapes (shared arrays, never written), skipping {@code skip}. */
    private static int[][] shapes(String spec, Tensor[] operands, int skip) {
        Objects.requireNonNull(operands, "einsum: operands is null");
        int[][] shapes = new int[operands.length][];
        for (int i = 0; i < operands.length; i++) {
            if (i != skip) {
                if (operands[i] == null) {
                    throw new NullPointerException("einsum '" + spec + "': operand " + i + " is null");
                }
                shapes[i] = TensorStorage.shape(operands[i]);
            }
        }
        return shapes;
    }

    /** Plans in the cache, for tests. */
    static int cachedPlans() {
        return PLANS.size();
    }
}
