package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/**
 * The negative log-likelihood objective of a Gaussian mixture model with a Wishart prior,
 * as ADBench's PyTorch version writes it (its {@code gmm_objective}), with {@code Np}: k
 * components in d dimensions, each with a weight logit ({@code alphas}, k), a mean
 * ({@code means}, k×d) and an inverse covariance factor {@code Q = diag(exp(q)) + L}
 * ({@code icf}, k×(d + d(d−1)/2): the d log-diagonal entries q, then the strictly lower
 * triangle of L column by column), evaluated at n points ({@code x}, n×d):
 *
 * <pre>
 *   Σᵢ logsumexp_k(α_k + Σ q_k − ½‖Q_k (xᵢ − μ_k)‖²) − n·logsumexp(α) − n·d/2·log 2π
 *   + Σ_k (½γ²(‖exp(q_k)‖² + ‖L_k‖²) − m·Σ q_k) − k·(C(d, γ, m) − log Γ_d(½(d + m + 1)))
 * </pre>
 *
 * ADBench applies {@code Q} as {@code einsum('ijk,mik->mij', L, x)} plus the diagonal
 * product, as here, on (n, k, d) differences; here they are laid out (k, n, d).
 */
public final class Gmm {

    /** The gradient with respect to alphas, means and icf; the points and the prior's parameters are data. */
    public static final DifferentiableFunction GRADIENT = AD.function(Gmm.class, "objective", Tensor.class,
            Tensor.class, Tensor.class, Tensor.class, double.class, int.class).withRespectTo(0, 1, 2);

    private Gmm() {}

    /** The objective; woven. {@code gamma} and {@code m} are the Wishart prior's parameters. */
    @Differentiable
    public static double objective(Tensor alphas, Tensor means, Tensor icf, Tensor x, double gamma, int m) {
        int[] shape = x.shape();
        int n = shape[0];
        int d = shape[1];
        int k = alphas.size();
        Tensor logDiagonal = Np.take(icf, diagonalColumns(d), 1);
        Tensor qDiagonal = Np.exp(logDiagonal);
        Tensor sumQs = Np.sum(logDiagonal, 1);
        // L_k from the lower-triangle entries; the appended zero column fills the rest.
        Tensor padded = Np.concatenate(new Tensor[] {icf, Tensor.zeros(k, 1)}, 1);
        Tensor lower = Np.reshape(Np.take(padded, lowerColumns(d), 1), k, d, d);
        // Component-major (k, n, d), where ADBench's PyTorch code has (n, k, d): the same sums,
        // but every einsum operand is then batch-first, so the products read it in place.
        Tensor centred = Np.subtract(Np.expand_dims(x, 0), Np.expand_dims(means, 1));
        Tensor qx = Np.add(Np.multiply(Np.expand_dims(qDiagonal, 1), centred),
                Np.einsum("kij,knj->kni", lower, centred));
        Tensor squares = Np.sum(Np.square(qx), 2);
        Tensor inner = Np.subtract(Np.expand_dims(Np.add(alphas, sumQs), 1),
                Np.multiply(Tensor.scalar(0.5), squares));
        double likelihood = Np.sum(Np.logsumexp(inner, 0)).item();
        double prior = Np.sum(Np.subtract(
                Np.multiply(Tensor.scalar(0.5 * gamma * gamma),
                        Np.add(Np.sum(Np.square(qDiagonal), 1), Np.sum(Np.square(lower), new int[] {1, 2}))),
                Np.multiply(Tensor.scalar(m), sumQs))).item();
        return likelihood - n * Np.logsumexp(alphas).item() + prior + constant(n, d, k, gamma, m);
    }

    /** The columns of icf holding q, the log-diagonal: 0 … d−1. */
    static int[] diagonalColumns(int d) {
        int[] columns = new int[d];
        for (int i = 0; i < d; i++) {
            columns[i] = i;
        }
        return columns;
    }

    /**
     * For each element (i, j) of a d×d matrix in row-major order, the column of icf (with a
     * zero column appended at index d + d(d−1)/2) that holds L[i, j]: L's strictly lower
     * triangle is stored column by column after the d diagonal entries, as ADBench stores it.
     */
    static int[] lowerColumns(int d) {
        int zero = d + d * (d - 1) / 2;
        int[] columns = new int[d * d];
        java.util.Arrays.fill(columns, zero);
        int next = d;
        for (int j = 0; j < d; j++) {
            for (int i = j + 1; i < d; i++) {
                columns[i * d + j] = next++;
            }
        }
        return columns;
    }

    /** The terms that depend on no parameter: −n·d/2·log 2π and the Wishart normaliser. */
    static double constant(int n, int d, int k, double gamma, int m) {
        double dof = d + m + 1;
        double c = dof * d * (Math.log(gamma) - 0.5 * Math.log(2));
        return -n * d * 0.5 * Math.log(2 * Math.PI) - k * (c - logMultivariateGamma(0.5 * dof, d));
    }

    /** {@code log Γ_p(a) = p(p−1)/4 · log π + Σⱼ log Γ(a + (1 − j)/2)}, j = 1 … p. */
    static double logMultivariateGamma(double a, int p) {
        double sum = p * (p - 1) / 4.0 * Math.log(Math.PI);
        for (int j = 1; j <= p; j++) {
            sum += logGamma(a + (1 - j) / 2.0);
        }
        return sum;
    }

    /** {@code log Γ(x)} for x > 0, Lanczos (g = 7, nine terms): about 15 digits. */
    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        double y = x - 1;
        double s = c[0];
        for (int i = 1; i < c.length; i++) {
            s += c[i] / (y + i);
        }
        double t = y + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
