/** Monte Carlo option Greeks (Black–Scholes and Heston) from one reverse sweep, against the closed form and bumping. */
package dev.cotangent.examples.greeks;
