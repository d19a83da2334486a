package dev.cotangent.blas;

import dev.cotangent.blas.openblas.OpenBlas;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    @Test
    void threadCountPropertyIsAppliedWhenSet() {
        String threads = System.getProperty("cotangent.blas.threads");
        assumeTrue(threads != null, "-Dcotangent.blas.threads is set only in the core-tests-on-openblas run");
        Blas.current();
        assertThat(openblas_nolapack.blas_get_num_threads()).isEqualTo(Integer.parseInt(threads));
    }
}
