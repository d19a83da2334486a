package dev.cotangent.weave.tensors;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Tensor;

import static dev.cotangent.tensor.Np.*;

/**
 * Reductions for {@link TensorCorpusTest}: sums, means, products, extrema, moments,
 * logsumexp along chosen axes with and without {@code keepdims}; cumulative sums, softmax
 * and log-softmax along one axis; argmax and argmin as (non-differentiable) weights.
 * Extrema are checked at inputs without ties.
 */
final class ReductionCorpus {

    private ReductionCorpus() {}

    /** x: (3, 4). */
    @Differentiable
    static Tensor sumsAndMeans(Tensor x) {
        Tensor rows = sum(x, new int[] {1}, false);
        Tensor columns = mean(square(x), new int[] {0}, true);
        Tensor all = sum(multiply(x, columns), null, false);
        return add(multiply(rows, all), mean(x, new int[] {0, 1}, false));
    }

    /** x: (3, 4), values away from 0. */
    @Differentiable
    static Tensor products(Tensor x) {
        Tensor p = prod(x, new int[] {1}, true);
        return add(divide(p, x), prod(x, new int[] {0}, false));
    }

    /** x: (3, 4), distinct values: every row and column has a unique maximum and minimum. */
    @Differentiable
    static Tensor extrema(Tensor x) {
        Tensor hi = max(sin(x), new int[] {1}, false);
        Tensor lo = min(x, new int[] {0}, true);
        return add(sum(multiply(x, lo), new int[] {1}, false), multiply(hi, hi));
    }

    /** x: (4, 3), not constant along either axis. */
    @Differentiable
    static Tensor moments(Tensor x) {
        Tensor v = var(x, new int[] {0}, false);
        Tensor s = std(x, new int[] {1}, true);
        return add(sum(multiply(s, x), new int[] {0}, false), v);
    }

    /** x: (2, 5). */
    @Differentiable
    static Tensor logSumExp(Tensor x) {
        Tensor rows = logsumexp(x, new int[] {1}, false);
        Tensor all = logsumexp(multiply(x, x), null, true);
        return multiply(rows, reshape(all, 1));
    }

    /**
     * The numpy overloads that were added for issue 15, each once: {@code (x, int, boolean)}
     * and {@code (x, int[])} of prod, var, std and logsumexp, {@code (x, int[])} of max and
     * min. x: (3, 4), distinct values away from 0, not constant along either axis.
     */
    @Differentiable
    static Tensor reductionOverloads(Tensor x) {
        Tensor a = add(prod(x, 1, true), prod(x, new int[] {0}));
        Tensor b = add(var(x, 1, true), var(x, new int[] {0}));
        Tensor c = add(std(x, 0, true), std(x, new int[] {0}));
        Tensor d = add(logsumexp(x, 1, true), logsumexp(x, new int[] {0}));
        Tensor e = add(max(x, new int[] {1}), min(sin(x), new int[] {1}));
        return add(add(multiply(a, b), multiply(c, d)), reshape(e, 3, 1));
    }

    /** x: (3, 4). */
    @Differentiable
    static Tensor cumulative(Tensor x) {
        return multiply(cumsum(x, 1), cumsum(sin(x), 0));
    }

    /** x: (3, 4). */
    @Differentiable
    static Tensor softmaxes(Tensor x) {
        Tensor p = softmax(x, 0);
        Tensor logP = log_softmax(multiply(x, Tensor.scalar(2.0)), 1);
        return add(multiply(p, logP), softmax(cos(x), -1));
    }

    /**
     * The positions of each row's maximum and each column's minimum weight the values: the
     * positions are locally constant, so they carry no derivative. x: (3, 4), distinct values.
     */
    @Differentiable
    static Tensor argExtremaWeights(Tensor x) {
        Tensor rowArgmax = expand_dims(argmax(x, 1), new int[] {1});
        Tensor columnArgmin = argmin(x, 0);
        return multiply(multiply(x, add(rowArgmax, Tensor.scalar(1.0))), add(columnArgmin, Tensor.scalar(0.5)));
    }
}
