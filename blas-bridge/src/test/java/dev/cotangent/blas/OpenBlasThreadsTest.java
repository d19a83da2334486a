package dev.cotangent.blas;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -Dcotangent.blas.threads} sets OpenBLAS's thread count. Runs only in the execution
 * that sets the property (core's tests on OpenBLAS, single-threaded).
 */
class OpenBlasThreadsTest {

    @Test
    void threadCountPropertyIsApplied() {
        String threads = System.getProperty("cotangent.blas.threads");
        assertThat(threads).as("this test runs only where -Dcotangent.blas.threads is set").isNotNull();
        Blas.current();
        assertThat(openblas_nolapack.blas_get_num_threads()).isEqualTo(Integer.parseInt(threads));
    }
}
