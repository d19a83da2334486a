package dev.cotangent.blas;

import dev.cotangent.blas.openblas.OpenBlas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With blas-bridge on the class path, {@link Blas#current()} is OpenBLAS. This test also runs
 * in the execution that repeats core's tests with {@code -Dcotangent.blas=openblas} and
 * {@code -Dcotangent.blas.threads=1}, where it proves that those tests really ran on OpenBLAS.
 */
class OpenBlasSelectionTest {

    @Test
    void currentIsOpenBlas() {
        Blas current = Blas.current();
        assertThat(current).isInstanceOf(OpenBlas.class);
        assertThat(current.name()).isEqualTo("openblas");
        assertThat(current.isNative()).isTrue();
    }
}
