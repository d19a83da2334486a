/**
 * Internal: what Cotangent's own kernels (einsum, the registry, the BLAS dispatch, the woven
 * code's runtime) need from tensors and do not give users.
 *
 * <p>{@link dev.cotangent.tensor.internal.TensorStorage} gives zero-copy access to a tensor's
 * row-major elements, shape and direct-memory copy, and wraps arrays as tensors without
 * copying; arrays it returns are shared with the tensor and must never be written, and arrays
 * handed to it belong to the new tensor. {@link dev.cotangent.tensor.internal.Shapes} is the
 * shape arithmetic (sizes, strides, broadcasting, axis normalisation) and the one format of
 * shapes in error messages, {@code (2, 3)}. Not part of the user contract; may change at any time.
 */
package dev.cotangent.tensor.internal;
