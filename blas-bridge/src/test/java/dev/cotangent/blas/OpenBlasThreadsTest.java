package dev.cotangent.blas;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -Dcotangent.blas.threads} sets Cotangent's per-call budget, and OpenBLAS's own pool
 * stays at one thread whatever it says (its idle workers would spin). Runs only in the
 * execution that sets the property (core's tests on OpenBLAS).
 */
class OpenBlasThreadsTest {

    @Test
    void threadCountPropertyIsTheBudgetAndOpenBlasRunsOnOneThread() {
        String threads = System.getProperty("cotangent.blas.threads");
        assertThat(threads).as("this test runs only where -Dcotangent.blas.threads is set").isNotNull();
        assertThat(Blas.current().name()).isEqualTo("openblas");
        assertThat(BlasThreads.budget()).isEqualTo(Integer.parseInt(threads));
        assertThat(openblas_nolapack.blas_get_num_threads()).isEqualTo(1);
    }
}
