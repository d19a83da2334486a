/**
 * A predator–prey model fitted to noisy counts with Hipparchus' Levenberg–Marquardt on exact
 * Jacobians ({@code cotangent-hipparchus}), against finite differences.
 */
package dev.cotangent.examples.curvefit;
