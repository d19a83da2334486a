/**
 * Forward mode: {@link dev.cotangent.weave.tangent.TangentBuilder} turns a primal body and its
 * activity into the body of the tangent method {@code cotangent$tangent$f}, which takes each
 * differentiable parameter followed by its tangent, then a
 * {@link dev.cotangent.runtime.TangentOut}, and returns the result with its tangent left in the
 * {@code TangentOut} (see {@link dev.cotangent.runtime.Signatures}).
 *
 * <p>Control flow is copied as it is; after each instruction that defines an active variable
 * comes its tangent, {@code B(d, u)} from the registry. At rank 0 that is {@code Σ dᵢ·uᵢ} with
 * each {@code d}'s lambda spliced in as plain arithmetic (identity and negation need no
 * {@code d}); an active array has a tangent array of the same shape, written and read at the
 * same indices; a tensor primitive's tangent is {@code TensorCalls.jvp} on its name, arguments,
 * result and tangents; a scalar–tensor bridge uses {@code TensorBridge}; a call to a method
 * differentiated through becomes an {@code invokedynamic} to that method's tangent, linked by
 * {@link dev.cotangent.runtime.Linker}. The tangent method runs the primal computation and its
 * derivative side by side and keeps no record.
 *
 * <p>Tangent code that will be differentiated again (second order) is built the same way,
 * except that each tensor primitive's tangent is written out of primitives by
 * {@code SpelledTensorTangent} (derivative values spliced, then {@code TangentTerms}), zero
 * tensor tangents are zeros rather than {@code null}, and bridges apply to tangents directly.
 */
package dev.cotangent.weave.tangent;
