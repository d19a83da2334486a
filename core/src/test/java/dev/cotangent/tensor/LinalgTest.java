package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract shared by all of {@link Linalg}: error kinds and messages, NaN, empty stacks. */
class LinalgTest {

    private static final Tensor SQUARE = Tensor.randn(1, 3, 3);

    @Test
    void rankBelowTwoIsRejectedNamingTheFunction() {
        assertThatThrownBy(() -> Linalg.inv(Tensor.of(new double[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.inv: a must have at least 2 dimensions, got shape (3,)");
        assertThatThrownBy(() -> Linalg.svd(Tensor.scalar(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.svd: a must have at least 2 dimensions, got shape ()");
    }

    @Test
    void nonSquareIsRejected() {
        for (String name : new String[] {"inv", "det", "slogdet", "cholesky", "eigh", "eigvalsh", "matrix_power"}) {
            assertThatThrownBy(() -> call(name, Tensor.randn(2, 4, 2, 3)))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Linalg." + name + ": the last 2 dimensions of a must be square, got shape (4, 2, 3)");
        }
        assertThatThrownBy(() -> Linalg.solve(Tensor.randn(2, 2, 3), Tensor.randn(3, 2)))
                .hasMessage("Linalg.solve: the last 2 dimensions of a must be square, got shape (2, 3)");
    }

    private static Object call(String name, Tensor a) {
        switch (name) {
            case "inv": return Linalg.inv(a);
            case "det": return Linalg.det(a);
            case "slogdet": return Linalg.slogdet(a);
            case "cholesky": return Linalg.cholesky(a);
            case "eigh": return Linalg.eigh(a);
            case "eigvalsh": return Linalg.eigvalsh(a);
            default: return Linalg.matrix_power(a, 2);
        }
    }

    @Test
    void solveRejectsMismatchedShapes() {
        assertThatThrownBy(() -> Linalg.solve(SQUARE, Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.solve: a has shape (3, 3) but b has shape (4,); b must be (M,) or (..., M, K) with M = 3");
        assertThatThrownBy(() -> Linalg.solve(SQUARE, Tensor.scalar(1)))
                .hasMessageStartingWith("Linalg.solve: a has shape (3, 3) but b has shape ()");
        // numpy 2: a b of rank ≥ 2 is (..., M, K), so (5, 3) against a 3×3 a has M = 5.
        assertThatThrownBy(() -> Linalg.solve(Tensor.randn(2, 5, 3, 3), Tensor.zeros(5, 3)))
                .hasMessageStartingWith("Linalg.solve: a has shape (5, 3, 3) but b has shape (5, 3)");
        assertThatThrownBy(() -> Linalg.solve(Tensor.randn(2, 2, 3, 3), Tensor.zeros(4, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.solve: a has shape (2, 3, 3) but b has shape (4, 3, 1); "
                        + "their batch dimensions (2,) and (4,) do not broadcast");
    }

    @Test
    void singularMatricesAreArithmeticErrors() {
        Tensor singular = Tensor.of(new double[][] {{1, 2}, {2, 4}});
        assertThatThrownBy(() -> Linalg.inv(singular))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("Linalg.inv: singular matrix of shape (2, 2) (the LU pivot of column 1 is exactly zero)");
        assertThatThrownBy(() -> Linalg.solve(singular, Tensor.ones(2)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("Linalg.solve: singular matrix of shape (2, 2)");
        double[] stack = new double[3 * 4];
        System.arraycopy(new double[] {1, 0, 0, 1, 2, 0, 0, 2, 1, 1, 1, 1}, 0, stack, 0, 12);
        assertThatThrownBy(() -> Linalg.inv(Tensor.of(stack, 3, 2, 2)))
                .hasMessage("Linalg.inv: singular matrix at index 2 (flat) of the stack of shape (3, 2, 2) "
                        + "(the LU pivot of column 1 is exactly zero)");
        // matrix_power of a negative power inverts first; the inverse reports the singular matrix.
        assertThatThrownBy(() -> Linalg.matrix_power(singular, -1))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("Linalg.inv: singular matrix of shape (2, 2)");
    }

    @Test
    void notPositiveDefiniteIsAnArithmeticError() {
        assertThatThrownBy(() -> Linalg.cholesky(Tensor.of(new double[][] {{1, 2}, {2, 1}})))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("Linalg.cholesky: matrix of shape (2, 2) is not positive definite "
                        + "(its leading minor of order 2 is not positive)");
        assertThatThrownBy(() -> Linalg.cholesky(Tensor.of(new double[][] {{Double.NaN}})))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("not positive definite");
    }

    @Test
    void badOptionsAreRejected() {
        assertThatThrownBy(() -> Linalg.qr(SQUARE, "economic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.qr: mode must be \"reduced\", \"complete\" or \"r\", got \"economic\"");
        assertThatThrownBy(() -> Linalg.eigh(SQUARE, "X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.eigh: uplo must be \"L\" or \"U\", got \"X\"");
        assertThatThrownBy(() -> Linalg.norm(SQUARE, "inf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.norm: ord must be \"fro\" or \"nuc\", got \"inf\"");
        assertThatThrownBy(() -> Linalg.norm(Tensor.zeros(3), "fro"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.norm: ord \"fro\" is a matrix norm and needs a 2-D tensor, got shape (3,)");
        assertThatThrownBy(() -> Linalg.norm(SQUARE, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Linalg.norm: axis 2 is out of bounds for a tensor of shape (3, 3)");
    }

    @Test
    void lstsqRejectsStacksAndMismatches() {
        assertThatThrownBy(() -> Linalg.lstsq(Tensor.zeros(2, 3, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.lstsq: a must be 2-D, got shape (2, 3, 3)");
        assertThatThrownBy(() -> Linalg.lstsq(Tensor.zeros(4, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linalg.lstsq: a has shape (4, 3) but b has shape (3,); b must be (M,) or (M, K) with M = 4");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void nanAndInfinityNeverHang() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] d = Tensor.randn(3, 6 * 6).toArray();
            d[7] = bad;
            Tensor a = Tensor.of(d, 6, 6);
            assertAllNaN(Linalg.eigh(a));
            assertAllNaN(Linalg.svd(a));
            assertAllNaN(Linalg.svd(Tensor.of(Arrays.copyOf(d, 30), 6, 5), false));
            assertAllNaN(Linalg.pinv(a));
            assertAllNaN(Linalg.lstsq(a, Tensor.ones(6))[0]);
            // The direct methods simply propagate: some entries are no longer finite.
            // (An infinite entry may even give a finite inverse: the limit as that entry grows.)
            double[] inv = Linalg.inv(a).toArray();
            assertThat(Double.isNaN(bad) ? Arrays.stream(inv).anyMatch(Double::isNaN) : inv.length == 36).isTrue();
            assertThat(Arrays.stream(Linalg.qr(a)[1].toArray()).anyMatch(v -> !Double.isFinite(v))).isTrue();
            assertThat(Double.isFinite(Linalg.det(a).item())).isFalse();
        }
    }

    private static void assertAllNaN(Tensor... ts) {
        for (Tensor t : ts) {
            for (double v : t.toArray()) {
                assertThat(v).isNaN();
            }
        }
    }

    @Test
    void emptyStacksAndEmptyMatrices() {
        assertThat(Linalg.inv(Tensor.zeros(0, 3, 3)).shape()).containsExactly(0, 3, 3);
        assertThat(Linalg.det(Tensor.zeros(0, 3, 3)).shape()).containsExactly(0);
        assertThat(Linalg.inv(Tensor.zeros(0, 0)).shape()).containsExactly(0, 0);
        assertThat(Linalg.solve(Tensor.zeros(0, 0), Tensor.zeros(0)).shape()).containsExactly(0);
        assertThat(Linalg.eigh(Tensor.zeros(2, 0, 0))[0].shape()).containsExactly(2, 0);
        assertThat(Linalg.svd(Tensor.zeros(5, 2, 3))[0].shape()).containsExactly(5, 2, 2);
        assertThat(Linalg.cholesky(Tensor.zeros(0, 0)).shape()).containsExactly(0, 0);
        assertThat(Linalg.qr(Tensor.zeros(3, 0))[0].shape()).containsExactly(3, 0);
    }

    @Test
    void inputsAreNeverModified() {
        Tensor a = Tensor.randn(4, 4, 4);
        Tensor copy = Tensor.of(a.toArray(), 4, 4);
        Linalg.inv(a);
        Linalg.solve(a, Tensor.ones(4));
        Linalg.det(a);
        Linalg.qr(a);
        Linalg.eigh(a);
        Linalg.svd(a);
        Linalg.pinv(a);
        Linalg.lstsq(a, Tensor.ones(4));
        Linalg.matrix_power(a, 3);
        Linalg.norm(a, 0);
        assertThat(a).isEqualTo(copy);
    }
}
