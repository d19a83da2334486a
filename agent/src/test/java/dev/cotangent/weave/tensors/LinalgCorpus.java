package dev.cotangent.weave.tensors;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Linalg;
import dev.cotangent.tensor.Tensor;

import static dev.cotangent.tensor.Np.*;

/**
 * Contractions and linear algebra for {@link TensorCorpusTest}. Matrices are made well
 * conditioned inside the functions ({@code A + 3I}, {@code A·Aᵀ + I}, symmetrised inputs with
 * distinct eigenvalues at the test points), so that each derivative exists at the test
 * point and nearby. Eigen- and singular vectors and QR's factors, defined up to sign, enter
 * only through sign-free expressions (squares, products {@code U·diag(s)·Vᵀ}, {@code Q·Qᵀ}).
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

    /** a: (3, 3), symmetrised inside; distinct eigenvalues at the test point. */
    @Differentiable
    static Tensor eigenvalues(Tensor a) {
        Tensor s = add(a, transpose(a, 1, 0));
        Tensor w = Linalg.eigvalsh(s, "L");
        Tensor squared = Linalg.eigvalsh(multiply(s, s), "U");
        return add(multiply(w, w), squared);
    }

    /** a: (4, 3), distinct singular values. */
    @Differentiable
    static Tensor singularValues(Tensor a) {
        Tensor s = Linalg.svdvals(a);
        Tensor t = Linalg.svdvals(multiply(a, a));
        return add(multiply(s, s), sin(t));
    }

    /**
     * a: (3, 3), symmetrised inside, with distinct eigenvalues (and so for the elementwise
     * square): {@code V·diag(exp(w/2))·Vᵀ} (the matrix exponential of s/2), the eigenvalues
     * squared, and the squared entries of the eigenvector of the largest eigenvalue of s∘s.
     */
    @Differentiable
    static Tensor symmetricEigendecomposition(Tensor a) {
        Tensor s = add(a, transpose(a, 1, 0));
        Tensor[] wv = Linalg.eigh(s, "L");
        Tensor w = wv[0];                                                      // (3,)
        Tensor v = wv[1];                                                      // (3, 3)
        Tensor exponential = matmul(multiply(v, exp(multiply(w, Tensor.scalar(0.5)))), transpose(v, 1, 0));
        Tensor top = index(Linalg.eigh(multiply(s, s), "U")[1], ":, 2");       // (3,)
        return add(add(exponential, square(w)), expand_dims(square(top), new int[] {1}));
    }

    /**
     * a: (4, 3) with distinct singular values, and its top 3×3 block likewise: the reduced SVD
     * through {@code U·diag(tanh s)·Vᵀ} and the projector {@code U·Uᵀ}; the full SVD of the
     * block through its polar factor {@code U·Vᵀ} and {@code Σ log s} (its log |det|).
     */
    @Differentiable
    static Tensor singularValueDecomposition(Tensor a) {
        Tensor[] usv = Linalg.svd(a, false);
        Tensor u = usv[0];                                                     // (4, 3)
        Tensor reshaped = matmul(multiply(u, tanh(usv[1])), usv[2]);           // (4, 3)
        Tensor projected = matmul(matmul(u, transpose(u, 1, 0)), square(a));   // (4, 3)
        Tensor[] block = Linalg.svd(slice(a, 0, 0, 3, 1), true);
        Tensor polar = matmul(block[0], block[2]);                             // (3, 3)
        Tensor logAbsDet = sum(log(block[1]), null, false);
        return add(add(reshaped, projected), multiply(matmul(a, polar), logAbsDet));
    }

    /**
     * a: (4, 3) of full rank, weights: (3, 3): reduced QR through the projector {@code Q·Qᵀ}
     * and R's squared entries; R alone (Q unused) of the top 3×3 block, nonsingular, in
     * {@code "complete"} mode.
     */
    @Differentiable
    static Tensor qrFactors(Tensor a, Tensor weights) {
        Tensor[] qr = Linalg.qr(a, "reduced");
        Tensor q = qr[0];                                                      // (4, 3)
        Tensor projected = matmul(matmul(q, transpose(q, 1, 0)), sin(a));      // (4, 3)
        Tensor weighted = sum(multiply(square(qr[1]), weights), new int[] {0}, false); // (3,)
        Tensor r = Linalg.qr(slice(a, 0, 0, 3, 1), "complete")[1];             // (3, 3)
        return add(add(projected, weighted), sum(square(r), new int[] {1}, false));
    }

    /**
     * a: (2, 3, 3), a stack with |det| away from 0, of either sign: {@code sign·exp(logabsdet)}
     * (the determinant, so sign's zero derivative is used too) and logabsdet squared.
     */
    @Differentiable
    static Tensor signedLogDeterminant(Tensor a) {
        Tensor[] sl = Linalg.slogdet(a);
        return add(multiply(sl[0], exp(sl[1])), square(sl[1]));                // (2,)
    }

    /**
     * a: (2, 4, 3), a stack of two matrices with distinct singular values away from 0: SVD,
     * QR, and eigh and slogdet of the Gram matrices aᵀa, on stacks; factors enter sign-free.
     */
    @Differentiable
    static Tensor stackedFactorisations(Tensor a) {
        Tensor gram = matmul(transpose(a, 0, 2, 1), a);                        // (2, 3, 3)
        Tensor[] usv = Linalg.svd(a, false);
        Tensor[] qr = Linalg.qr(a, "reduced");
        Tensor[] wv = Linalg.eigh(gram, "L");
        Tensor[] sl = Linalg.slogdet(gram);
        Tensor values = add(multiply(usv[1], wv[0]), sum(square(qr[1]), new int[] {1}, false)); // (2, 3)
        Tensor projectors = add(matmul(usv[0], transpose(usv[0], 0, 2, 1)), matmul(qr[0], transpose(qr[0], 0, 2, 1)));
        Tensor vectors = sum(multiply(square(wv[1]), expand_dims(values, new int[] {1})), new int[] {2}, false);
        return add(add(sum(matmul(projectors, a), new int[] {1}, false), vectors), expand_dims(sl[1], new int[] {1}));
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
