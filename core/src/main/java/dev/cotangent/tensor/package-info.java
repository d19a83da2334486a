/**
 * Dense float64 tensors and numpy's operations on them: {@link dev.cotangent.tensor.Tensor}
 * (row-major, any rank including 0, an immutable value safe to share between threads),
 * {@link dev.cotangent.tensor.Np} (numpy's names, argument order, defaults and broadcasting)
 * and {@link dev.cotangent.tensor.Linalg} ({@code numpy.linalg}, on stacks of matrices).
 *
 * <p>Every operation returns a new tensor and leaves its arguments unchanged. Bad shapes and
 * axes throw {@link IllegalArgumentException} naming the operation and the shapes; singular or
 * non-positive-definite matrices throw {@link ArithmeticException}. Conventions: a shape or
 * permutation is {@code int...}, an axis {@code int} or {@code int[]} ({@code null} for all)
 * optionally followed by {@code boolean keepdims}, a sequence of tensors {@code Tensor[]}.
 *
 * <p>Each operation of {@code Np} and {@code Linalg} is either a primitive of the derivative
 * registry ({@code dev.cotangent.primitive}) — as a rule the overload with every parameter — or
 * a {@code @Differentiable} composite of primitives (the overloads that fill in defaults,
 * {@code Np.sum(x)}, {@code Np.clip(a, min, max)}, {@code Linalg.norm(x, ord)}…), which the
 * weaver inlines into the code that calls it. The exceptions are {@code Linalg.pinv} and
 * {@code Linalg.lstsq}, which have no derivative (woven code that passes them an active tensor
 * is rejected), and {@code Np.allclose}, whose {@code boolean} result carries none.
 *
 * <p>{@link dev.cotangent.tensor.Scatter} holds the transposes of the gathering operations
 * (slicing, indexing, {@code take}, {@code diagonal}, broadcasting), themselves primitives whose
 * transposes are the gathers. The kernels ({@code Elementwise}, {@code Reductions},
 * {@code Shaping}, the decompositions) are package-private. {@code Tensor}, {@code Np} and
 * {@code Linalg} are the stable contract.
 */
package dev.cotangent.tensor;
