/**
 * Activity analysis: which variables carry derivatives, and the rejection of code that would
 * lose them.
 *
 * <p>{@link dev.cotangent.weave.activity.ActivityAnalysis} is a forward dataflow from the
 * differentiable parameters (all of them, or those a variant selects), flow-insensitive over
 * webs and run to a fixpoint: a {@code double} is active when an active value flows into it; an
 * array or tensor reference when it is one, holds one or aliases one (moves, casts, and rows of
 * a matrix link both ways, since every alias of an active array needs a shadow). Activity is
 * not narrowed to what influences the result. The result,
 * {@link dev.cotangent.weave.activity.Activity}, also records how
 * {@link dev.cotangent.weave.Callees} classified every call, which calls are differentiated (an
 * active argument or an active result), the foreign arrays (from a field or a call without a
 * derivative: zero shadows) and the arrays that are only read (a callee's array result without
 * a shadow may be read with zeros; one that is written stops with an error when it runs).
 * A reference typed {@code Object} (or a type variable, {@code Object[]}…) may hold an array
 * or a tensor and is active like one ({@code Signatures.dynamic}); a variable both active and
 * foreign is {@linkplain dev.cotangent.weave.activity.Activity#mixed mixed}, its derivative
 * code following at run time which definition reached it.
 *
 * <p>Rejected here, each as a {@link dev.cotangent.NotDifferentiableException} at the first
 * such source line: an active value passed to an opaque call (a JDK method, a constructor, a
 * library method without a derivative, or boxed into a {@code Double}), stored into a field,
 * captured by {@code invokedynamic} (string concatenation excepted; a lambda made and called
 * in the method is resolved to its body before this analysis and gone), or converted to
 * {@code float}; and an active value stored into an array that came from a field or from a call
 * without a derivative (whatever the call's static type: {@code ThreadLocal.get()}), where
 * such a definition may reach the store ({@link dev.cotangent.weave.activity.ReachingForeign}).
 * Conversions of active doubles to integers are allowed: their
 * derivative is zero, which is right. {@code ActiveText} then rejects a number read back from
 * text built from active values ({@code Double.parseDouble("" + x)}), following the text into
 * the application's helpers.
 */
package dev.cotangent.weave.activity;
