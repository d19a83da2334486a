package dev.cotangent.einsum;

import dev.cotangent.blas.Blas;
import dev.cotangent.blas.DirectArray;
import dev.cotangent.blas.JavaBlas;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.TensorStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GemmTest {

    /** op(A)·op(B) by definition; A stored k×m when transA, B stored n×k when transB. */
    private static double[] reference(Gemm.Layout l, double[] a, double[] b) {
        int m = l.m();
        int n = l.n();
        int k = l.k();
        double[] c = new double[l.batch() * m * n];
        for (int p = 0; p < l.batch(); p++) {
            int ao = a.length == m * k ? 0 : p * m * k;
            int bo = b.length == k * n ? 0 : p * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        double av = l.transA() ? a[ao + q * m + i] : a[ao + i * k + q];
                        double bv = l.transB() ? b[bo + j * k + q] : b[bo + q * n + j];
                        s += av * bv;
                    }
                    c[p * m * n + i * n + j] = s;
                }
            }
        }
        return c;
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-10 * (1 + Math.abs(expected[i]))));
        }
    }

    @ParameterizedTest(name = "{0}×{1}×{2} transA={3} transB={4}")
    @CsvSource({
            "4, 4, 4, false, false", "4, 4, 4, true, false", "4, 4, 4, false, true", "4, 4, 4, true, true",
            "1, 1, 7, false, true", "3, 1, 5, true, true", "1, 6, 2, false, false",
            "37, 29, 41, true, false", "37, 29, 41, false, true", "37, 29, 41, true, true",
            "70, 530, 300, false, false", "70, 530, 300, true, true", "5, 600, 260, false, true"})
    void matchesTheDefinition(int m, int n, int k, boolean transA, boolean transB) {
        Tensor a = transA ? Tensor.randn(1, k, m) : Tensor.randn(1, m, k);
        Tensor b = transB ? Tensor.randn(2, n, k) : Tensor.randn(2, k, n);
        Tensor c = Gemm.matmul(a, transA, b, transB);
        assertThat(c.shape()).containsExactly(m, n);
        assertClose(c.toArray(), reference(Gemm.Layout.of(m, n, k, transA, transB), a.toArray(), b.toArray()));
    }

    @Test
    void tinyMatmul() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new double[] {5, 6, 7, 8}, 2, 2);
        assertThat(Gemm.matmul(a, b).toArray()).containsExactly(19, 22, 43, 50);
        assertThat(Gemm.matmul(a, true, b, false).toArray()).containsExactly(26, 30, 38, 44);
    }

    @ParameterizedTest(name = "batch {0}, {1}×{2}×{3} transA={4} transB={5} shared A={6} shared B={7}")
    @CsvSource({
            "3, 4, 5, 6, false, false, false, false", "3, 4, 5, 6, true, true, false, false",
            "5, 2, 3, 4, false, true, true, false", "5, 2, 3, 4, true, false, false, true",
            "2, 40, 33, 35, false, true, false, false", "4, 1, 1, 9, false, true, false, false"})
    void batched(int batch, int m, int n, int k, boolean transA, boolean transB, boolean sharedA, boolean sharedB) {
        Gemm.Layout layout = new Gemm.Layout(batch, m, n, k, transA, transB);
        Tensor a = Tensor.randn(3, (sharedA ? 1 : batch) * m * k);
        Tensor b = Tensor.randn(4, (sharedB ? 1 : batch) * k * n);
        Tensor c = Gemm.multiply(layout, a, b, batch, m, n);
        assertThat(c.shape()).containsExactly(batch, m, n);
        double[] expected = reference(layout, a.toArray(), b.toArray());
        assertClose(c.toArray(), expected);
        assertClose(Gemm.multiply(layout, a.toArray(), b.toArray()), expected);
    }

    @Test
    void zeroSizedProducts() {
        assertThat(Gemm.matmul(Tensor.zeros(2, 0), Tensor.zeros(0, 3)).toArray()).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(Gemm.matmul(Tensor.zeros(0, 4), Tensor.zeros(4, 3)).shape()).containsExactly(0, 3);
        assertThat(Gemm.multiply(new Gemm.Layout(0, 2, 2, 2, false, false), Tensor.zeros(0), Tensor.zeros(0), 0, 2, 2)
                .shape()).containsExactly(0, 2, 2);
    }

    @Test
    void rejectsMisalignedShapes() {
        assertThatThrownBy(() -> Gemm.matmul(Tensor.zeros(2, 3), Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: shapes (2, 3) and (4, 5) not aligned: 3 (dim 1) != 4 (dim 0)");
        assertThatThrownBy(() -> Gemm.matmul(Tensor.zeros(2, 3, 1), Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2-D");
        assertThatThrownBy(() -> Gemm.multiply(new Gemm.Layout(2, 2, 2, 2, false, false), Tensor.zeros(5),
                Tensor.zeros(8), 2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A has 5 elements");
        assertThatThrownBy(() -> new Gemm.Layout(1, -1, 2, 2, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    /** A BLAS that says it is native and hands out direct memory, delegating the arithmetic. */
    private static class DirectBlas implements Blas {
        int allocations;
        int gemms;

        @Override
        public String name() {
            return "direct-test";
        }

        @Override
        public boolean isNative() {
            return true;
        }

        @Override
        public DirectArray allocateDirect(int n) {
            allocations++;
            DoubleBuffer buffer = ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            return new DirectArray(buffer, null);
        }

        @Override
        public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoubleBuffer a,
                          int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb, double beta, DoubleBuffer c,
                          int cOffset, int ldc) {
            // Operands under Gemm.DIRECT_MIN elements may be heap buffers (a real BLAS stages them);
            // larger ones and every result must be direct.
            assertThat(a.isDirect() || a.capacity() < Gemm.DIRECT_MIN).as("A is direct").isTrue();
            assertThat(b.isDirect() || b.capacity() < Gemm.DIRECT_MIN).as("B is direct").isTrue();
            assertThat(c.isDirect()).as("C is direct").isTrue();
            gemms++;
            JavaBlas.INSTANCE.dgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
        }

        @Override
        public void dgemv(boolean transA, int m, int n, double alpha, DoubleBuffer a, int aOffset, int lda,
                          DoubleBuffer x, int xOffset, int incX, double beta, DoubleBuffer y, int yOffset, int incY) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double ddot(int n, DoubleBuffer x, int xOffset, int incX, DoubleBuffer y, int yOffset, int incY) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void daxpy(int n, double alpha, DoubleBuffer x, int xOffset, int incX, DoubleBuffer y, int yOffset,
                          int incY) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dscal(int n, double alpha, DoubleBuffer x, int xOffset, int incX) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void largeProductsGoToANativeBlasThroughDirectMemoryAndStayThere() {
        DirectBlas blas = new DirectBlas();
        Gemm.Layout layout = new Gemm.Layout(2, 512, 256, 130, true, false);
        assertThat(2 * 512 * 256).isGreaterThanOrEqualTo(Gemm.DIRECT_MIN);
        Tensor a = Tensor.randn(5, 2 * 130 * 512);
        Tensor b = Tensor.randn(6, 130 * 256);
        Tensor c = Gemm.multiply(layout, a, b, new int[] {2, 512, 256}, blas);
        assertThat(blas.gemms).isEqualTo(2);
        // The result only: the operands (under DIRECT_MIN elements) are staged per call.
        assertThat(blas.allocations).isEqualTo(1);
        assertThat(TensorStorage.hasDirect(c)).as("the result is the memory the BLAS wrote").isTrue();
        assertClose(c.toArray(), reference(layout, a.toArray(), b.toArray()));

        Tensor again = Gemm.multiply(layout, a, b, new int[] {2, 512, 256}, blas);
        assertThat(blas.allocations).isEqualTo(2);
        assertThat(again).isEqualTo(c);

        // A native result fed to the next native product is passed as it is: no copy of it.
        Tensor first = TensorStorage.withShape(c, 1024, 256);
        Tensor w = Tensor.randn(7, 256, 256);
        Gemm.Layout next = Gemm.Layout.of(1024, 256, 256, false, false);
        Tensor product = Gemm.multiply(next, first, w, new int[] {1024, 256}, blas);
        assertThat(blas.allocations).as("the new result only").isEqualTo(3);
        assertClose(product.toArray(), reference(next, c.toArray(), w.toArray()));
    }

    @Test
    void smallNativeResultsAreCopiedToTheHeapFromOneReusedBlock() {
        DirectBlas blas = new DirectBlas();
        Gemm.Layout layout = new Gemm.Layout(3, 40, 30, 20, true, false);
        assertThat(layout.flops()).isGreaterThan(Gemm.NATIVE_MIN_FLOPS);
        Tensor a = Tensor.randn(5, 3 * 20 * 40);
        Tensor b = Tensor.randn(6, 20 * 30);
        Tensor c = Gemm.multiply(layout, a, b, new int[] {3, 40, 30}, blas);
        Tensor again = Gemm.multiply(layout, a, b, new int[] {3, 40, 30}, blas);
        assertThat(blas.gemms).isEqualTo(6);
        assertThat(blas.allocations).as("the thread's scratch block, once").isEqualTo(1);
        assertThat(TensorStorage.hasDirect(c)).isFalse();
        assertClose(c.toArray(), reference(layout, a.toArray(), b.toArray()));
        assertThat(again).isEqualTo(c);

        // Read natively a third time, the operands are weights, not intermediates: they get direct copies.
        Tensor third = Gemm.multiply(layout, a, b, new int[] {3, 40, 30}, blas);
        assertThat(blas.allocations).as("the scratch block, and a and b's copies").isEqualTo(3);
        assertThat(TensorStorage.hasDirect(a) && TensorStorage.hasDirect(b)).isTrue();
        assertThat(third).isEqualTo(c);
    }

    @Test
    void aProductStartedWhileTheThreadsResultBlockIsInUseGetsItsOwn() {
        Gemm.Layout layout = Gemm.Layout.of(30, 30, 30, false, false);
        Tensor a = Tensor.randn(11, 30, 30);
        Tensor b = Tensor.randn(12, 30, 30);
        Tensor[] inner = new Tensor[1];
        boolean[] entered = new boolean[1];
        // As a fork-join worker may: run another product on this thread while the first is in native code.
        DirectBlas blas = new DirectBlas() {
            @Override
            public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoubleBuffer a,
                              int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb, double beta,
                              DoubleBuffer c, int cOffset, int ldc) {
                super.dgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
                if (!entered[0]) {
                    entered[0] = true;
                    inner[0] = Gemm.multiply(layout, Tensor.ones(30, 30), Tensor.ones(30, 30), new int[] {30, 30},
                            this);
                }
            }
        };
        Tensor outer = Gemm.multiply(layout, a, b, new int[] {30, 30}, blas);
        assertClose(outer.toArray(), reference(layout, a.toArray(), b.toArray()));
        assertThat(inner[0].toArray()).containsOnly(30.0);
    }

    @Test
    void mediumProductsGoNativeOnlyWhenBothOperandsAreDirectAlready() {
        DirectBlas blas = new DirectBlas();
        Gemm.Layout layout = Gemm.Layout.of(12, 12, 12, false, true);
        assertThat(layout.flops()).isBetween(Gemm.NATIVE_MIN_FLOPS_DIRECT + 1, Gemm.NATIVE_MIN_FLOPS);
        Tensor a = Tensor.randn(9, 12, 12);
        Tensor b = Tensor.randn(10, 12, 12);
        Tensor inJava = Gemm.multiply(layout, a, b, new int[] {12, 12}, blas);
        assertThat(blas.gemms).isZero();
        TensorStorage.direct(a, blas);
        TensorStorage.direct(b, blas);
        Tensor inNative = Gemm.multiply(layout, a, b, new int[] {12, 12}, blas);
        assertThat(blas.gemms).isEqualTo(1);
        assertClose(inNative.toArray(), inJava.toArray());
    }

    @Test
    void smallProductsStayInJavaEvenWithANativeBlas() {
        DirectBlas blas = new DirectBlas();
        Gemm.Layout layout = Gemm.Layout.of(4, 4, 4, false, false);
        assertThat(layout.flops()).isLessThanOrEqualTo(Gemm.NATIVE_MIN_FLOPS);
        Tensor a = Tensor.randn(7, 16);
        Tensor b = Tensor.randn(8, 16);
        Tensor c = Gemm.multiply(layout, a, b, new int[] {4, 4}, blas);
        assertThat(blas.gemms).isZero();
        assertThat(blas.allocations).isZero();
        assertClose(c.toArray(), reference(layout, a.toArray(), b.toArray()));
    }
}
