/**
 * JMH benchmarks of Cotangent: GEMM through {@code Np} against OpenBLAS called directly, the
 * matmul VJP, and woven tangents and gradients against hand-written adjoints and Hipparchus
 * forward mode. Internal: nothing here is API.
 */
package dev.cotangent.bench;
