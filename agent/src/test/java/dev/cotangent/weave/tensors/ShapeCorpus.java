package dev.cotangent.weave.tensors;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Scatter;
import dev.cotangent.tensor.Tensor;

import static dev.cotangent.tensor.Np.*;

/**
 * Structural operations for {@link TensorCorpusTest}: reshaping and permuting axes,
 * broadcasting, joining and splitting, flips, rolls, tiles and pads, slices and basic
 * indexing, gathers by index, diagonals and triangles, and the scatters that are their
 * transposes. Each result is made non-linear (squared, multiplied, passed through a smooth
 * function) so that a transposed rule that is wrong cannot cancel out.
 */
final class ShapeCorpus {

    private ShapeCorpus() {}

    /** x: (2, 3, 4). */
    @Differentiable
    static Tensor reshapes(Tensor x) {
        Tensor a = transpose(reshape(x, 4, 6), 1, 0);                        // (6, 4)
        Tensor b = swapaxes(x, 0, 2);                                          // (4, 3, 2)
        Tensor c = moveaxis(x, new int[] {0}, new int[] {2});                  // (3, 4, 2)
        Tensor d = squeeze(expand_dims(sum(c, new int[] {2}, false), new int[] {0, 3}), 3); // (1, 3, 4)
        Tensor e = squeeze(reshape(multiply(b, b), 1, 4, 6, 1));              // (4, 6)
        return add(sum(multiply(d, transpose(b, 2, 1, 0)), new int[] {0}, false), // (3, 4)
                sum(matmul(e, a), new int[] {0}, false));                      // (4,)
    }

    /** x: (3, 1), y: (4,): explicit broadcasting and its transpose, summing back. */
    @Differentiable
    static Tensor broadcasting(Tensor x, Tensor y) {
        Tensor grid = multiply(broadcast_to(x, 2, 3, 4), sin(y));
        Tensor back = Scatter.unbroadcast(square(grid), 3, 1);
        return add(back, sum(grid, new int[] {0}, false));
    }

    /** a: (2, 3), b: (2, 2). */
    @Differentiable
    static Tensor joins(Tensor a, Tensor b) {
        Tensor joined = concatenate(new Tensor[] {a, square(b)}, 1);          // (2, 5)
        Tensor first = slice(joined, 1, 0, 1, 1);                              // (2, 1)
        Tensor middle = slice(joined, 1, 1, 4, 1);                             // (2, 3)
        Tensor last = slice(joined, 1, 4, 5, 1);                               // (2, 1)
        Tensor stacked = stack(new Tensor[] {middle, multiply(a, first)}, 0);  // (2, 2, 3)
        return multiply(stacked, exp(last));
    }

    /**
     * x: (4, 6): split along each axis at indices (one a negative index) and into equal
     * sections; one piece is read twice, one never, and the sections in a loop and in a helper.
     */
    @Differentiable
    static Tensor splits(Tensor x) {
        Tensor[] rows = split(x, new int[] {1, 3}, 0);                         // (1, 6), (2, 6), (1, 6)
        Tensor[] columns = split(x, new int[] {2, -2}, 1);                     // (4, 2) × 3, [1] unused
        Tensor[] halves = split(sin(x), 2, 1);                                 // (4, 3), (4, 3)
        Tensor ends = add(multiply(rows[0], rows[2]), sum(square(rows[1]), new int[] {0}, true)); // (1, 6)
        Tensor outer = multiply(columns[0], exp(multiply(columns[2], columns[0]))); // (4, 2)
        Tensor total = products(halves);                                       // (4, 3)
        for (Tensor h : halves) {
            total = add(total, multiply(h, h));
        }
        return concatenate(new Tensor[] {reshape(ends, 6), reshape(outer, 8), reshape(total, 12)}, 0);
    }

    /**
     * x: (5, 3): the pieces of a split overwritten in place in split's own result array, which
     * is then joined again as it is.
     */
    @Differentiable
    static Tensor splitAndRejoin(Tensor x) {
        Tensor[] parts = split(square(x), new int[] {2}, 0);                   // (2, 3), (3, 3)
        parts[0] = sin(parts[0]);
        parts[1] = multiply(parts[1], sum(parts[0], new int[] {0}, true));
        return multiply(concatenate(parts, 0), x);                             // (5, 3)
    }

    /** The product of a sequence of tensors: a helper without annotation, differentiated through. */
    static Tensor products(Tensor[] parts) {
        Tensor p = parts[0];
        for (int i = 1; i < parts.length; i++) {
            p = multiply(p, parts[i]);
        }
        return p;
    }

    /** x: (2, 3). */
    @Differentiable
    static Tensor rearrangements(Tensor x) {
        Tensor f = flip(x, new int[] {1});
        Tensor r = roll(x, 2, 1);
        Tensor t = tile(multiply(f, r), 2, 1);                                 // (4, 3)
        Tensor p = pad(square(x), new int[][] {{1, 1}, {0, 1}});               // (4, 4)
        Tensor q = repeat(x, 2, 0);                                            // (4, 3)
        return add(matmul(p, t), multiply(q, t));                              // (4, 3)
    }

    /** x: (4, 5). */
    @Differentiable
    static Tensor gathers(Tensor x) {
        Tensor rows = slice(x, 0, 1, 4, 2);                                    // (2, 5)
        Tensor picked = index(x, "1:3, ::-2");                                 // (2, 3)
        Tensor taken = take(x, new int[] {4, 0, 4}, 1);                        // (4, 3)
        Tensor diag = diagonal(x, 1, 0, 1);                                    // (4,)
        Tensor block = slice(x, 1, 0, 4, 1);                                   // (4, 4)
        Tensor tri = add(triu(block, 0), multiply(tril(block, -1), Tensor.scalar(3.0)));
        Tensor s = add(sum(multiply(rows, rows), new int[] {1}, false), sum(exp(picked), new int[] {1}, false));
        return add(matmul(tri, multiply(taken, diag.get(0) > 0 ? taken : negative(taken))),
                reshape(multiply(diag, sum(s, null, false)), 4, 1));
    }

    /** v: (2, 3), w: (3,): values written into zeros at the places the gathers read. */
    @Differentiable
    static Tensor scatters(Tensor v, Tensor w) {
        Tensor a = Scatter.slice(v, new int[] {4, 3}, 0, 0, 4, 2);             // (4, 3)
        Tensor b = Scatter.index(square(v), new int[] {3, 4}, "1:, 1:");        // (3, 4)
        Tensor c = Scatter.take(sin(v), new int[] {2, 5}, new int[] {4, 1, 4}, 1); // (2, 5)
        Tensor d = Scatter.diagonal(w, new int[] {3, 4}, 1, 0, 1);             // (3, 4)
        Tensor e = matmul(a, add(b, d));                                       // (4, 4)
        return add(sum(multiply(e, e), new int[] {1}, false), sum(multiply(c, c), null, false));
    }
}
