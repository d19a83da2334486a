/** L2-regularised logistic regression on the breast-cancer data, fitted by L-BFGS on woven gradients. */
package dev.cotangent.examples.logistic;
