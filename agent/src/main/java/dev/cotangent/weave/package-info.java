/**
 * The weaver: class bytes in, derivative code out, for all three ways derivatives are made —
 * the {@code -javaagent} at load time, the Maven plugin ahead of time, and {@code AD} at run
 * time through {@link dev.cotangent.weave.CompanionFactory}, the
 * {@link dev.cotangent.runtime.DerivativeFactory} this module registers. Internal.
 *
 * <p>{@link dev.cotangent.weave.Weaver} runs each derivative through the stages, one
 * subpackage each: {@code lift} (bytecode to the register IR of {@code ir}), {@code activity},
 * {@code tangent} or {@code adjoint}, and {@code lower} (IR back to bytecode, split below
 * HotSpot's compile limit). Two steps live here because they are shared: {@code Inliner}
 * splices Cotangent's library composites ({@code Np.sum(x)}…) into every derivative, and every
 * callee into a second derivative; {@code SecondOrder} builds the Hessian-vector product as
 * reverse mode over the tangent code. {@link dev.cotangent.weave.Callees} classifies each call
 * as a {@link dev.cotangent.weave.Callee}: a scalar or tensor primitive, a scalar–tensor
 * bridge, {@code AD.stopGradient}, a method differentiated through, a sink that only reads a
 * value (printing, string building), or an opaque call, which must not receive an active value.
 * {@link dev.cotangent.weave.LambdaCalls} turns calls of lambdas made in the method into calls
 * of their bodies, and calls of lambdas from static final fields into calls of their site's
 * bridge ({@link dev.cotangent.weave.LambdaBridges}), the static method through which any
 * lambda of a site is differentiated.
 * {@link dev.cotangent.weave.RuleBodies} lifts the registry's rank-0 derivative lambdas once
 * for splicing; {@link dev.cotangent.weave.ClassSource} reads callees' bytecode without loading
 * classes; {@link dev.cotangent.weave.Diagnostics} makes the errors;
 * {@link dev.cotangent.weave.Shadows} emits the zero or checked shadows both modes give arrays
 * that have none of their own, and {@link dev.cotangent.weave.ShadowOwnership} keeps, for a
 * variable merged from such an array and one with a shadow, which one reached it at run time.
 *
 * <p>Contract: the original methods are never changed, only methods named by
 * {@link dev.cotangent.runtime.Mode#methodName} are added (or put in a companion class); the
 * same input bytes give the same output bytes; weaving is idempotent, a derivative a class
 * already holds is not made again. Whatever cannot be differentiated is reported as a
 * {@link dev.cotangent.NotDifferentiableException} naming the source line and the fix — never
 * woven into a wrong derivative.
 */
package dev.cotangent.weave;
