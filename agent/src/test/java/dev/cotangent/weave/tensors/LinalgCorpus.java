package dev.cotangent.weave.tensors;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Linalg;
import dev.cotangent.tensor.Tensor;

import static dev.cotangent.tensor.Np.*;

/**
 * Contractions and linear algebra for {@link TensorCorpusTest}. Matrices are made well
 * conditioned inside the functions ({@code A + 3I}, {@code A·Aᵀ + I}, symmetrised inputs with
 * distinct eigenvalues at the test points), so that each derivative exists at the test
 * point and nearby. Eigen- and singular vectors, defined up to sign, enter only through
 * sign-free expressions (squares, products {@code U·diag(s)·Vᵀ}).
 */
final class LinalgCorpus {

    private LinalgCorpus() {}

    /** a: (2, 3, 4), b: (4, 3). */
    @Differentiable
    static Tensor contractions(Tensor a, Tensor b) {
        Tensor d = dot(a, b);                                                  // (2, 3, 3)
        Tensor m = matmul(d, transpose(b, 1, 0));                              // (2, 3, 4)
        Tensor i = inner(sin(a), a);                                           // (2, 3, 2, 3)
        Tensor t = tensordot(m, b, new int[] {2}, new int[] {0});              // (2, 3, 3)
        return add(tensordot(i, t, new int[] {2, 3}, new int[] {0, 1}), d);   // (2, 3, 3)
    }

    /** a: (3, 4), b: (4, 2), c: (2,). */
    @Differentiable
    static Tensor einsums(Tensor a, Tensor b, Tensor c) {
        Tensor chain = einsum("ij,jk,k->i", a, b, c);                          // (3,)
        Tensor gram = einsum("ij,kj->ik", a, a);                               // (3, 3)
        Tensor trace = einsum("ii->", gram);
        Tensor outer = einsum("i,j->ij", chain, c);                            // (3, 2)
        return add(multiply(outer, trace), einsum("ik,kj->ij", gram, outer));
    }

    /** a: (3, 3). */
    @Differentiable
    static Tensor inverse(Tensor a) {
        Tensor m = add(a, multiply(Tensor.eye(3), Tensor.scalar(3.0)));
        return matmul(Linalg.inv(m), a);
    }

    /** a: (2, 3, 3), a stack. */
    @Differentiable
    static Tensor determinant(Tensor a) {
        Tensor m = add(a, multiply(Tensor.eye(3), Tensor.scalar(3.0)));
        return multiply(Linalg.det(m), sum(a, new int[] {1, 2}, false));
    }

    /** a: (3, 3), b: (3, 2), c: (3,): a matrix and a vector right-hand side. */
    @Differentiable
    static Tensor solves(Tensor a, Tensor b, Tensor c) {
        Tensor m = add(a, multiply(Tensor.eye(3), Tensor.scalar(3.0)));
        Tensor x = Linalg.solve(m, b);                                          // (3, 2)
        Tensor y = Linalg.solve(transpose(m, 1, 0), c);                         // (3,)
        return add(x, expand_dims(y, new int[] {1}));
    }

    /** a: (3, 3): the factor of the positive definite {@code A·Aᵀ + I}. */
    @Differentiable
    static Tensor choleskyFactor(Tensor a) {
        Tensor spd = add(matmul(a, transpose(a, 1, 0)), Tensor.eye(3));
        Tensor l = Linalg.cholesky(spd);
        return multiply(l, add(l, Tensor.scalar(1.0)));
    }

    /**
     * a: (3, 3), symmetrised inside; distinct eigenvalues at the test point. (Linalg.eigh, which
     * returns a Tensor[], is left out: see TensorCorpusCoverageTest.KNOWN_GAPS.)
     */
    @Differentiable
    static Tensor eigenvalues(Tensor a) {
        Tensor s = add(a, transpose(a, 1, 0));
        Tensor w = Linalg.eigvalsh(s, "L");
        Tensor squared = Linalg.eigvalsh(multiply(s, s), "U");
        return add(multiply(w, w), squared);
    }

    /** a: (4, 3), distinct singular values. (Linalg.svd is left out, as eigh.) */
    @Differentiable
    static Tensor singularValues(Tensor a) {
        Tensor s = Linalg.svdvals(a);
        Tensor t = Linalg.svdvals(multiply(a, a));
        return add(multiply(s, s), sin(t));
    }

    /** x: (3, 4), no zero row. */
    @Differentiable
    static Tensor norms(Tensor x) {
        Tensor all = Linalg.norm(x);
        Tensor rows = Linalg.norm(x, 1, false);
        Tensor columns = Linalg.norm(sin(x), 0, true);
        return add(multiply(rows, all), sum(columns, null, false));
    }
}
