package dev.cotangent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose derivatives Cotangent generates: a tangent (forward-mode) and an
 * adjoint (reverse-mode) version, woven from its bytecode. Static and instance methods of
 * any class are accepted; the method itself is never changed, so calling it normally costs
 * nothing extra.
 *
 * <p>Parameters and results of type {@code double}, {@code double[]}, {@code double[][]}
 * (any rank), {@link dev.cotangent.tensor.Tensor} and {@code Tensor[]} are differentiable;
 * {@code int}, {@code long}, {@code boolean} and other objects are not. Methods it calls
 * need no annotation when their bytecode can be read: they are differentiated through.
 * What cannot be differentiated — active values stored in fields, exception handlers
 * ({@code try}/{@code catch}/{@code finally}) anywhere in a differentiated method,
 * {@code synchronized}, calls without a derivative that receive an active value, and the
 * other cases listed in the README's table — is rejected with a
 * {@link NotDifferentiableException} naming the source line and the fix, never silently
 * given a wrong derivative.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Differentiable {

    /**
     * Also weave the method's second derivatives (the two sweeps of its Hessian-vector
     * product) where its first derivatives are woven: by the Maven plugin, so that
     * {@code hvp} and {@code hessian} run without the weaver, and by the agent. Without it
     * they are made at run time on first use. The method must then be static and return a
     * {@code double} or a {@code Tensor}; what second order cannot differentiate (recursion,
     * dynamic dispatch) fails the weave, naming the line.
     *
     * @since 0.2
     */
    boolean secondOrder() default false;
}
