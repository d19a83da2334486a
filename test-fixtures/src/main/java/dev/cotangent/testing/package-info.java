/**
 * Checks of derivatives against independent references, for Cotangent's own tests and for
 * users' tests of their differentiable code.
 *
 * <p>{@link dev.cotangent.testing.GradCheck} gives the two references: the directional
 * derivative by central differences refined by Richardson extrapolation
 * ({@link dev.cotangent.testing.GradCheck#numericJvp}), against which a JVP is compared, and
 * the dot-product identity {@code ⟨JVP(u), v⟩ = ⟨u, VJP(v)⟩} on random {@code u} and {@code v}
 * ({@link dev.cotangent.testing.GradCheck#assertDotProduct}), which ties reverse mode to forward
 * mode up to rounding. Values may be {@code Double}, {@code double[]}, {@code double[][]},
 * {@link dev.cotangent.tensor.Tensor} or arrays of those, seen as flat vectors; {@code null}
 * marks an argument that is not differentiated. Failures are {@link AssertionError}s that name
 * the element that differs and by how much. This module's own tests check every entry of the
 * derivative registry this way. Stable contract ({@code @since 0.1}).
 */
package dev.cotangent.testing;
