package dev.cotangent.einsum;

import dev.cotangent.einsum.EinsumPlan.Contract;
import dev.cotangent.einsum.EinsumPlan.Multiply;
import dev.cotangent.einsum.EinsumPlan.Step;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plans the product of two einsum operands. Their labels fall into four groups: batch
 * (both have it and it survives), M (only the left), N (only the right) and K (both, summed
 * away). Without K the product is elementwise and goes to {@link BroadcastProduct}.
 * Otherwise it is a batched GEMM over (batch, M×K)·(batch, K×N), and the work is in
 * choosing the order of each group so that as little as possible is copied: an operand
 * already stored as batch+M+K, or as batch+K+M (read with a transpose flag), is used as it
 * is; the result batch+M+N is produced in the output's order when it is the last product,
 * possibly by swapping the roles of the two operands (Cᵀ = Bᵀ·Aᵀ).
 */
final class PairContraction {

    private PairContraction() {}

    /**
     * Adds the steps that multiply slots {@code x} and {@code y} into slot {@code x} and
     * returns the labels of the result.
     *
     * @param keep    which labels survive this product (the output or another slot has them)
     * @param desired the output's labels when this is the last product, else {@code null}
     */
    static int[] plan(List<Step> steps, int x, int y, int[] xLabels, int[] yLabels, boolean[] keep,
                      int[] desired, int[] size) {
        int[] xl = dropUnneeded(steps, x, xLabels, yLabels, keep, size);
        int[] yl = dropUnneeded(steps, y, yLabels, xl, keep, size);
        int[] summed = select(xl, id -> EinsumPlan.contains(yl, id) && !keep[id]);
        if (summed.length == 0) {
            return elementwise(steps, x, y, xl, yl, desired, size);
        }
        int[] shared = select(xl, id -> EinsumPlan.contains(yl, id) && keep[id]);
        Choice best = null;
        for (boolean swap : new boolean[] {false, true}) {
            int[] p = swap ? yl : xl;
            int[] q = swap ? xl : yl;
            int[] m = select(p, id -> !EinsumPlan.contains(q, id));
            int[] n = select(q, id -> !EinsumPlan.contains(p, id));
            for (int[] b : orders(shared, p, q, desired)) {
                for (int[] mo : orders(m, p, desired)) {
                    for (int[] no : orders(n, q, desired)) {
                        for (int[] k : orders(summed, p, q)) {
                            Choice c = Choice.of(swap, p, q, new Groups(b, mo, no, k), desired, size);
                            if (best == null || c.copied < best.copied) {
                                best = c;
                            }
                        }
                    }
                }
            }
        }
        if (best.copied > 0 && best.g.m().length == 0 && best.g.n().length == 0) {
            // Both operands have the same labels (a weighted sum, as the reverse of a broadcast
            // product): a GEMM would transpose both and then take dot products of length K;
            // multiplying elementwise and summing K away in one pass reads each once.
            int[] product = elementwise(steps, x, y, xl, yl, null, size);
            int[] kept = desired != null ? desired : shared;
            EinsumPlan.rearrange(steps, x, product, EinsumPlan.shapeOf(product, size), kept, size);
            return kept;
        }
        return best.emit(steps, x, y, size);
    }

    /** The four label groups of a GEMM, each in a chosen order. */
    private record Groups(int[] batch, int[] m, int[] n, int[] k) {}

    /** One way to lay out a GEMM ({@code p} gives M, {@code q} gives N), and how many elements it copies. */
    private record Choice(boolean swap, int[] p, int[] q, Groups g, double copied) {

        static Choice of(boolean swap, int[] p, int[] q, Groups g, int[] desired, int[] size) {
            double copied = 0;
            if (!plain(p, g.batch(), g.m(), g.k(), size) && !plain(p, g.batch(), g.k(), g.m(), size)) {
                copied += EinsumPlan.volume(p, size);
            }
            if (!plain(q, g.batch(), g.k(), g.n(), size) && !plain(q, g.batch(), g.n(), g.k(), size)) {
                copied += EinsumPlan.volume(q, size);
            }
            if (desired != null && !sameLayout(concat(g.batch(), g.m(), g.n()), desired, size)) {
                copied += EinsumPlan.volume(desired, size);
            }
            return new Choice(swap, p, q, g, copied);
        }

        /** Whether {@code labels} are stored as first+second+third, so GEMM reads them in place. */
        private static boolean plain(int[] labels, int[] first, int[] second, int[] third, int[] size) {
            return sameLayout(labels, concat(first, second, third), size);
        }

        int[] emit(List<Step> steps, int x, int y, int[] size) {
            int ps = swap ? y : x;
            int qs = swap ? x : y;
            boolean transP = !plain(p, g.batch(), g.m(), g.k(), size) && plain(p, g.batch(), g.k(), g.m(), size);
            boolean transQ = !plain(q, g.batch(), g.k(), g.n(), size) && plain(q, g.batch(), g.n(), g.k(), size);
            if (!transP && !plain(p, g.batch(), g.m(), g.k(), size)) {
                EinsumPlan.rearrange(steps, ps, p, EinsumPlan.shapeOf(p, size), concat(g.batch(), g.m(), g.k()), size);
            }
            if (!transQ && !plain(q, g.batch(), g.k(), g.n(), size)) {
                EinsumPlan.rearrange(steps, qs, q, EinsumPlan.shapeOf(q, size), concat(g.batch(), g.k(), g.n()), size);
            }
            Gemm.Layout layout = new Gemm.Layout(volume(g.batch(), size), volume(g.m(), size), volume(g.n(), size),
                    volume(g.k(), size), transP, transQ);
            int[] result = concat(g.batch(), g.m(), g.n());
            steps.add(new Contract(ps, qs, y, layout, EinsumPlan.shapeOf(result, size)));
            return result;
        }
    }

    /** Sums labels that only this side has and nobody needs (the per-operand pass normally has). */
    private static int[] dropUnneeded(List<Step> steps, int slot, int[] own, int[] other, boolean[] keep,
                                      int[] size) {
        int[] needed = select(own, id -> keep[id] || EinsumPlan.contains(other, id));
        if (needed.length != own.length) {
            EinsumPlan.rearrange(steps, slot, own, EinsumPlan.shapeOf(own, size), needed, size);
        }
        return needed;
    }

    private static int[] elementwise(List<Step> steps, int x, int y, int[] xl, int[] yl, int[] desired,
                                     int[] size) {
        int[] result = desired != null ? desired : concat(xl, select(yl, id -> !EinsumPlan.contains(xl, id)));
        int[] extents = EinsumPlan.shapeOf(result, size);
        steps.add(new Multiply(x, y, BroadcastProduct.of(extents, stridesIn(xl, result, size),
                stridesIn(yl, result, size)), extents));
        return result;
    }

    /** For each result label, its row-major stride in a slot labelled {@code labels}, or 0 if absent. */
    private static int[] stridesIn(int[] labels, int[] result, int[] size) {
        int[] own = StridedCopy.strides(EinsumPlan.shapeOf(labels, size));
        int[] out = new int[result.length];
        for (int r = 0; r < result.length; r++) {
            for (int a = 0; a < labels.length; a++) {
                if (labels[a] == result[r]) {
                    out[r] = own[a];
                }
            }
        }
        return out;
    }

    /** Candidate orders of a group: as it appears in each of the given label lists. */
    private static List<int[]> orders(int[] group, int[]... sources) {
        List<int[]> out = new ArrayList<>();
        for (int[] source : sources) {
            if (source == null) {
                continue;
            }
            int[] order = select(source, id -> EinsumPlan.contains(group, id));
            if (out.stream().noneMatch(o -> Arrays.equals(o, order))) {
                out.add(order);
            }
        }
        return out;
    }

    /** Two label orders that give the same row-major layout (axes of size 1 may sit anywhere). */
    private static boolean sameLayout(int[] a, int[] b, int[] size) {
        return Arrays.equals(EinsumPlan.nonUnit(a, EinsumPlan.shapeOf(a, size)),
                EinsumPlan.nonUnit(b, EinsumPlan.shapeOf(b, size)));
    }

    private static int volume(int[] labels, int[] size) {
        int v = 1;
        for (int id : labels) {
            v *= size[id];
        }
        return v;
    }

    private static int[] select(int[] labels, java.util.function.IntPredicate keep) {
        return Arrays.stream(labels).filter(keep).toArray();
    }

    private static int[] concat(int[]... parts) {
        int[] out = new int[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int j = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, j, part.length);
            j += part.length;
        }
        return out;
    }
}
