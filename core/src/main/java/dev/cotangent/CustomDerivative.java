package dev.cotangent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static tensor method whose derivative is declared, not derived from its
 * code: its rules are registered with {@link dev.cotangent.primitive.Primitives#define}
 * (usually in a static initialiser of the same class), exactly as Cotangent declares its own
 * primitives — per argument a derivative value and an einsum spec, or, for a linear
 * argument, its transpose. Woven code calls the method itself and applies the registered
 * rules in both modes; the method's body is never differentiated.
 *
 * <p>The annotation lets the weaver recognise the call even when it weaves ahead of time
 * (Maven plugin), before the registration has run; without it, a call is recognised only if
 * the rules are registered when the caller is woven.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CustomDerivative {
}
