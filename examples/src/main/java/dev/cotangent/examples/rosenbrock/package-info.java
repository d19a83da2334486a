/** L-BFGS on the 1,000-dimensional Rosenbrock function with woven gradients. */
package dev.cotangent.examples.rosenbrock;
