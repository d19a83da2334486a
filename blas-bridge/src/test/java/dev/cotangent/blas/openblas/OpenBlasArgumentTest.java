package dev.cotangent.blas.openblas;

import org.junit.jupiter.api.Test;

import java.nio.DoubleBuffer;
import java.nio.ReadOnlyBufferException;

import static dev.cotangent.blas.openblas.BufferKind.BLAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad arguments are rejected in Java, before any native call could read or write out of bounds. */
class OpenBlasArgumentTest {

    private final DoubleBuffer d12 = BLAS.allocateDirect(12).buffer();
    private final DoubleBuffer h12 = DoubleBuffer.wrap(new double[12]);

    @Test
    void dgemmRejectsNegativeSizes() {
        assertThatThrownBy(() -> BLAS.dgemm(false, false, -1, 2, 2, 1, d12, 0, 2, d12, 0, 2, 0, d12, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> BLAS.dgemm(false, false, 2, 2, -3, 1, d12, 0, 2, d12, 0, 2, 0, d12, 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dgemmRejectsShortLeadingDimensions() {
        // A is 2×3, so lda must be at least 3; with transA it is stored 3×2.
        assertThatThrownBy(() -> BLAS.dgemm(false, false, 2, 2, 3, 1, d12, 0, 2, d12, 0, 2, 0, d12, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading dimension of A");
        assertThatThrownBy(() -> BLAS.dgemm(false, true, 2, 2, 3, 1, d12, 0, 3, d12, 0, 2, 0, d12, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading dimension of B");
        assertThatThrownBy(() -> BLAS.dgemm(false, false, 2, 3, 1, 1, d12, 0, 1, d12, 0, 3, 0, d12, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading dimension of C");
    }

    @Test
    void dgemmRejectsOperandsOutsideTheirBuffers() {
        for (DoubleBuffer buf : new DoubleBuffer[] {d12, h12}) {
            assertThatThrownBy(() -> BLAS.dgemm(false, false, 3, 3, 3, 1, buf, 4, 3, buf, 0, 3, 0, buf, 0, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A (3×3, offset 4");
            assertThatThrownBy(() -> BLAS.dgemm(false, false, 2, 2, 2, 1, buf, 0, 2, buf, -1, 2, 0, buf, 0, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B (2×2, offset -1");
            assertThatThrownBy(() -> BLAS.dgemm(false, false, 2, 2, 2, 1, buf, 0, 2, buf, 0, 2, 0, buf, 9, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C (2×2, offset 9");
            assertThatThrownBy(() -> BLAS.dgemm(false, false, 2, 2, 2, 1, buf, 0, Integer.MAX_VALUE, buf, 0, 2,
                    0, buf, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void dgemmRejectsMissingBuffers() {
        assertThatThrownBy(() -> BLAS.dgemm(false, false, 2, 2, 2, 1, null, 0, 2, d12, 0, 2, 0, d12, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A is null");
    }

    @Test
    void emptyOperandsNeedNoBuffers() {
        BLAS.dgemm(false, false, 0, 0, 5, 1, null, 0, 0, null, 0, 0, 0, null, 0, 0);
        assertThat(BLAS.ddot(0, null, 0, 1, null, 0, 1)).isZero();

        // k = 0: C = beta·C, and beta = 0 clears even NaN
        DoubleBuffer c = DoubleBuffer.wrap(new double[] {1, 2, 9, 3, 4});
        BLAS.dgemm(false, false, 2, 2, 0, 1, null, 0, 0, null, 0, 0, 0.5, c, 0, 3);
        assertThat(c.array()).containsExactly(0.5, 1, 9, 1.5, 2);
        DoubleBuffer nan = BufferKind.DIRECT.holding(new double[] {Double.NaN, Double.NaN});
        BLAS.dgemm(true, true, 1, 2, 0, 1, null, 0, 0, null, 0, 0, 0, nan, 0, 2);
        assertThat(BufferKind.contents(nan)).containsExactly(0, 0);

        // an empty sum in dgemv: y = beta·y
        DoubleBuffer y = DoubleBuffer.wrap(new double[] {2, 7, 4});
        BLAS.dgemv(false, 2, 0, 1, null, 0, 0, null, 0, 1, 3, y, 2, -2);
        assertThat(y.array()).containsExactly(6, 7, 12);
    }

    @Test
    void readOnlyOutputsAreRejected() {
        DoubleBuffer readOnly = d12.asReadOnlyBuffer();
        assertThatThrownBy(() -> BLAS.dgemm(false, false, 2, 2, 2, 1, readOnly, 0, 2, readOnly, 0, 2, 0,
                readOnly, 4, 2)).isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> BLAS.dscal(3, 2, h12.asReadOnlyBuffer(), 0, 1))
                .isInstanceOf(ReadOnlyBufferException.class);
        // read-only inputs are fine
        BLAS.dgemm(false, false, 2, 2, 2, 1, readOnly, 0, 2, h12.asReadOnlyBuffer(), 0, 2, 0, d12, 4, 2);
    }

    @Test
    void dgemmBatchChecksTheLastEntry() {
        DoubleBuffer big = BLAS.allocateDirect(40).buffer();
        assertThatThrownBy(() -> BLAS.dgemmBatch(false, false, 2, 2, 2, 11, 1, big, 0, 2, 4, big, 0, 2, 0,
                0, big, 0, 2, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A (2×2, offset 40");
        assertThatThrownBy(() -> BLAS.dgemmBatch(false, false, 2, 2, 2, 3, 1, big, 0, 2, 0, big, 0, 2, 0,
                0, big, 8, 2, -8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset -8");
        assertThatThrownBy(() -> BLAS.dgemmBatch(false, false, 2, 2, 2, 3, 1, big, 0, 2, Long.MAX_VALUE / 2,
                big, 0, 2, 0, 0, big, 0, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BLAS.dgemmBatch(false, false, 2, 2, 2, -1, 1, big, 0, 2, 0, big, 0, 2, 0,
                0, big, 0, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vectorsOutsideTheirBuffersAreRejected() {
        for (DoubleBuffer buf : new DoubleBuffer[] {d12, h12}) {
            assertThatThrownBy(() -> BLAS.ddot(5, buf, 0, 3, buf, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x (5 elements from 0 by 3)");
            assertThatThrownBy(() -> BLAS.ddot(3, buf, 0, 1, buf, 1, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reaches element -1");
            assertThatThrownBy(() -> BLAS.daxpy(2, 1, buf, 0, 1, buf, 11, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BLAS.dscal(-1, 1, buf, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BLAS.dscal(2, 1, buf, 0, Integer.MIN_VALUE))
                    .isInstanceOf(IllegalArgumentException.class);
            // y has 4 elements when A is 3×4 and transposed
            assertThatThrownBy(() -> BLAS.dgemv(true, 3, 4, 1, buf, 0, 4, buf, 0, 1, 0, buf, 9, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y (4 elements from 9");
            assertThatThrownBy(() -> BLAS.dgemv(false, 3, 4, 1, buf, 0, 3, buf, 0, 1, 0, buf, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading dimension of A");
        }
    }

    @Test
    void allocateDirectRejectsBadLengths() {
        assertThatThrownBy(() -> BLAS.allocateDirect(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BLAS.allocateDirect(NativeMemory.MAX_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
