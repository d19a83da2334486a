/**
 * OpenBLAS through JavaCPP as a {@link dev.cotangent.blas.Blas}, found by
 * {@link java.util.ServiceLoader}; see {@link dev.cotangent.blas.openblas.OpenBlas}.
 */
package dev.cotangent.blas.openblas;
