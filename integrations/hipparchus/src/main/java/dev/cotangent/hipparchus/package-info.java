/**
 * Woven methods as Hipparchus optimisation functions: {@link dev.cotangent.hipparchus.ExactJacobian}
 * for least squares (Levenberg–Marquardt, Gauss–Newton) and
 * {@link dev.cotangent.hipparchus.ExactGradient} for the gradient-based scalar optimisers.
 */
package dev.cotangent.hipparchus;
