/**
 * The user contract of Cotangent: mark a method {@link dev.cotangent.Differentiable} and ask
 * {@link dev.cotangent.AD} for its derivatives, in forward mode (tangents, Jacobian-vector
 * products) or reverse mode (gradients, vector-Jacobian products), or a Hessian-vector product.
 *
 * <p>{@link dev.cotangent.AD} is the entry. Its reflective form,
 * {@link dev.cotangent.AD#function(Class, String, Class[])}, always works and returns a
 * {@link dev.cotangent.DifferentiableFunction} with {@code value}, {@code jvp},
 * {@code gradient}, {@code vjp} and {@code hvp}, one entry per argument (the receiver first for
 * an instance method; {@code null} for an argument that is not differentiable). Its typed
 * forms take a serializable method reference or lambda ({@code AD.gradient(Model::loss, x)}),
 * and two return handles for repeated use: {@link dev.cotangent.GradientFunction}, which looks
 * up the woven sweeps of a {@code double[] → double} function once and writes gradients into
 * the caller's array, and {@link dev.cotangent.Pullback}, which runs a forward sweep once and
 * replays its record for each cotangent. {@link dev.cotangent.AD#stopGradient(double[])} and its
 * overloads pass a value through with no derivative.
 *
 * <p>Differentiable values are {@code double}, arrays of {@code double} of any rank,
 * {@link dev.cotangent.tensor.Tensor} and {@code Tensor[]}; {@code int}, {@code long},
 * {@code boolean} and other objects are not. Arguments passed to {@code gradient}, {@code jvp}
 * and {@code vjp} are never modified. Code that cannot be differentiated (exception handlers,
 * {@code synchronized}, active values stored in fields, captured by lambdas, converted to
 * {@code float} or passed to a method without a derivative) is rejected with a
 * {@link dev.cotangent.NotDifferentiableException} that names the source line, the construct
 * and the fix, when the derivative is woven or first asked for, never as a wrong derivative.
 *
 * <p>{@link dev.cotangent.CustomDerivative} marks a tensor method whose derivative is declared
 * through {@link dev.cotangent.primitive.Primitives#define} rather than derived from its body.
 * Everything here is a stable contract ({@code @since 0.1}); the packages {@code runtime},
 * {@code primitive}, {@code einsum} and {@code tensor.internal} are internal except where a
 * type says otherwise. No method accepts or returns {@code null} unless its documentation says so.
 */
package dev.cotangent;
