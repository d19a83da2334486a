package dev.cotangent.blas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BLAS the build asked this run for ({@code -Dcotangent.blas}) is the one in use: the
 * runs of the tensor tests on OpenBLAS cannot silently fall back to Java.
 */
class BlasBackendTest {

    @Test
    void theRequestedBlasIsInUse() {
        String requested = System.getProperty("cotangent.blas");
        if (requested != null) {
            assertThat(Blas.current().name()).isEqualTo(requested);
        }
    }
}
