package dev.cotangent.einsum;

import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.TensorStorage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one {@link EinsumSpec} is evaluated, worked out once per (spec, shapes) and then run
 * any number of times from any thread.
 *
 * <p>The plan: each operand first loses what only it has — diagonals of repeated labels are
 * taken, axes of size 1 that broadcast are dropped, labels that no other operand and not
 * the output has are summed — in one strided pass. Then pairs are contracted, the pair
 * chosen greedily as opt_einsum's greedy path does (the product that frees the most
 * memory, the cheapest on ties; pairs sharing a label before outer products), each pair
 * by {@link PairContraction}. Last, the result is permuted into the output's order unless
 * the last contraction already produced it.
 */
final class EinsumPlan {

    /** One step of a plan; slots hold the operands and the intermediate results. */
    sealed interface Step permits Reshape, Rearrange, Multiply, Contract {
        void apply(Tensor[] slots);
    }

    /** Same elements, another shape: no copy. */
    record Reshape(int slot, int[] shape) implements Step {
        @Override
        public void apply(Tensor[] slots) {
            slots[slot] = TensorStorage.withShape(slots[slot], shape.clone());
        }
    }

    /** A transpose, diagonal or sum of one slot. */
    record Rearrange(int slot, StridedCopy copy, int[] shape) implements Step {
        @Override
        public void apply(Tensor[] slots) {
            slots[slot] = TensorStorage.wrap(copy.apply(TensorStorage.array(slots[slot])), shape.clone());
        }
    }

    /** An elementwise (broadcasting) product of two slots into the first. */
    record Multiply(int x, int y, BroadcastProduct product, int[] shape) implements Step {
        @Override
        public void apply(Tensor[] slots) {
            double[] out = product.apply(TensorStorage.array(slots[x]), TensorStorage.array(slots[y]));
            slots[x] = TensorStorage.wrap(out, shape.clone());
            slots[y] = null;
        }
    }

    /**
     * A (batched) matrix product of slots {@code a} (as GEMM's A) and {@code b}; the result
     * goes into whichever of the two is not {@code freed}.
     */
    record Contract(int a, int b, int freed, Gemm.Layout layout, int[] shape) implements Step {
        @Override
        public void apply(Tensor[] slots) {
            Tensor c = Gemm.multiply(layout, slots[a], slots[b], shape);
            slots[freed] = null;
            slots[freed == a ? b : a] = c;
        }
    }

    private final Step[] steps;
    private final int operandCount;
    private final int resultSlot;

    private EinsumPlan(List<Step> steps, int operandCount, int resultSlot) {
        this.steps = steps.toArray(new Step[0]);
        this.operandCount = operandCount;
        this.resultSlot = resultSlot;
    }

    /** Evaluates the plan; {@code operands} have the shapes the plan was made for. */
    Tensor run(Tensor[] operands) {
        Tensor[] slots = Arrays.copyOf(operands, operandCount);
        for (Step step : steps) {
            step.apply(slots);
        }
        return slots[resultSlot];
    }

    /** Steps, for tests that check which fast path a spec takes. */
    List<Step> steps() {
        return List.of(steps);
    }

    static EinsumPlan of(EinsumSpec spec) {
        int n = spec.operandCount();
        int[] size = spec.sizes();
        int[] out = spec.output();
        List<Step> steps = new ArrayList<>();
        boolean[][] has = new boolean[n][size.length];
        for (int i = 0; i < n; i++) {
            int[] labels = spec.labels(i);
            for (int a = 0; a < labels.length; a++) {
                // An axis of size 1 under a label that is larger elsewhere only broadcasts.
                has[i][labels[a]] |= spec.shape(i)[a] != 1 || size[labels[a]] == 1;
            }
        }
        boolean[] inOutput = mask(out, size.length);
        int[][] live = new int[n][];
        for (int i = 0; i < n; i++) {
            live[i] = n == 1 ? out : prepared(spec.labels(i), has, i, inOutput);
            rearrange(steps, i, spec.labels(i), spec.shape(i), live[i], size);
        }
        for (int remaining = n; remaining > 1; remaining--) {
            int[] pair = cheapestPair(live, inOutput, size);
            boolean[] keep = keptBy(live, pair[0], pair[1], inOutput);
            live[pair[0]] = PairContraction.plan(steps, pair[0], pair[1], live[pair[0]], live[pair[1]], keep,
                    remaining == 2 ? out : null, size);
            live[pair[1]] = null;
        }
        int last = 0;
        while (live[last] == null) {
            last++;
        }
        rearrange(steps, last, live[last], shapeOf(live[last], size), out, size);
        return new EinsumPlan(steps, n, last);
    }

    /** Operand {@code i}'s distinct labels, in order, without those only it needs. */
    private static int[] prepared(int[] labels, boolean[][] has, int i, boolean[] inOutput) {
        int[] kept = new int[labels.length];
        int count = 0;
        for (int id : labels) {
            if (!has[i][id] || contains(kept, count, id)) {
                continue;
            }
            boolean needed = inOutput[id];
            for (int j = 0; j < has.length && !needed; j++) {
                needed = j != i && has[j][id];
            }
            if (needed) {
                kept[count++] = id;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /** Which labels of live slots x and y survive their product: those the output or another slot has. */
    static boolean[] keptBy(int[][] live, int x, int y, boolean[] inOutput) {
        boolean[] keep = inOutput.clone();
        for (int z = 0; z < live.length; z++) {
            if (z != x && z != y && live[z] != null) {
                for (int id : live[z]) {
                    keep[id] = true;
                }
            }
        }
        return keep;
    }

    /** The greedy choice: shares a label, then frees the most memory, then fewest flops. */
    private static int[] cheapestPair(int[][] live, boolean[] inOutput, int[] size) {
        int[] best = null;
        double[] bestScore = null;
        for (int x = 0; x < live.length; x++) {
            for (int y = x + 1; y < live.length; y++) {
                if (live[x] == null || live[y] == null) {
                    continue;
                }
                boolean[] keep = keptBy(live, x, y, inOutput);
                boolean shared = false;
                double result = 1;
                double flops = 1;
                boolean[] seen = new boolean[size.length];
                for (int[] side : new int[][] {live[x], live[y]}) {
                    for (int id : side) {
                        shared |= seen[id];
                        if (!seen[id]) {
                            seen[id] = true;
                            flops *= size[id];
                            result *= keep[id] ? size[id] : 1;
                        }
                    }
                }
                double[] score = {shared ? 0 : 1, result - volume(live[x], size) - volume(live[y], size), flops};
                if (bestScore == null || Arrays.compare(score, bestScore) < 0) {
                    best = new int[] {x, y};
                    bestScore = score;
                }
            }
        }
        return best;
    }

    /**
     * Adds the step that turns a slot labelled {@code from} (repeats allowed; axes of size 1
     * may be dropped) into one labelled {@code to}: nothing, a reshape, or a strided copy
     * that takes diagonals, sums labels missing from {@code to} and permutes.
     */
    static void rearrange(List<Step> steps, int slot, int[] from, int[] fromShape, int[] to, int[] size) {
        int[] toShape = shapeOf(to, size);
        if (Arrays.equals(from, to) && Arrays.equals(fromShape, toShape)) {
            return;
        }
        if (!hasRepeats(from) && Arrays.equals(nonUnit(from, fromShape), nonUnit(to, toShape))) {
            steps.add(new Reshape(slot, toShape));
            return;
        }
        steps.add(new Rearrange(slot, copy(from, fromShape, to, toShape), toShape));
    }

    /** The strided copy from a tensor labelled {@code from} to a fresh one labelled {@code to}. */
    static StridedCopy copy(int[] from, int[] fromShape, int[] to, int[] toShape) {
        int[] fromStrides = StridedCopy.strides(fromShape);
        int[] toStrides = StridedCopy.strides(toShape);
        int[] labels = distinct(from);
        int[] extents = new int[labels.length];
        int[] in = new int[labels.length];
        int[] outs = new int[labels.length];
        for (int u = 0; u < labels.length; u++) {
            for (int a = 0; a < from.length; a++) {
                if (from[a] == labels[u]) {
                    extents[u] = fromShape[a];
                    in[u] += fromStrides[a];
                }
            }
            for (int a = 0; a < to.length; a++) {
                if (to[a] == labels[u]) {
                    outs[u] = toStrides[a];
                }
            }
        }
        return StridedCopy.of(extents, in, outs, volumeOf(toShape));
    }

    // ---------------------------------------------------------------- label arithmetic

    static int[] shapeOf(int[] labels, int[] size) {
        int[] shape = new int[labels.length];
        for (int a = 0; a < labels.length; a++) {
            shape[a] = size[labels[a]];
        }
        return shape;
    }

    /** The labels of axes longer than 1, in order: what decides a row-major layout. */
    static int[] nonUnit(int[] labels, int[] shape) {
        int[] out = new int[labels.length];
        int count = 0;
        for (int a = 0; a < labels.length; a++) {
            if (shape[a] != 1) {
                out[count++] = labels[a];
            }
        }
        return Arrays.copyOf(out, count);
    }

    static int[] distinct(int[] labels) {
        int[] out = new int[labels.length];
        int count = 0;
        for (int id : labels) {
            if (!contains(out, count, id)) {
                out[count++] = id;
            }
        }
        return Arrays.copyOf(out, count);
    }

    static boolean hasRepeats(int[] labels) {
        return distinct(labels).length != labels.length;
    }

    static boolean contains(int[] labels, int id) {
        return contains(labels, labels.length, id);
    }

    private static boolean contains(int[] labels, int count, int id) {
        for (int a = 0; a < count; a++) {
            if (labels[a] == id) {
                return true;
            }
        }
        return false;
    }

    static boolean[] mask(int[] labels, int labelCount) {
        boolean[] mask = new boolean[labelCount];
        for (int id : labels) {
            mask[id] = true;
        }
        return mask;
    }

    /** Elements of a slot, as a double so that products of large sizes cannot overflow. */
    static double volume(int[] labels, int[] size) {
        double v = 1;
        for (int id : labels) {
            v *= size[id];
        }
        return v;
    }

    static int volumeOf(int[] shape) {
        int v = 1;
        for (int d : shape) {
            v *= d;
        }
        return v;
    }
}
