// Kotlin constructs that the weaver accepts, each in a function of its own, woven with the tests.
@file:JvmName("Constructs")

package dev.cotangent.examples.kotlin

import dev.cotangent.Differentiable

/** `!!` compiles to `Intrinsics.checkNotNull(Object)`, a null check the weaver passes through. */
@Differentiable
fun notNull(p: DoubleArray?): Double = p!![0] * 3 + p[1]

/** `sumOf` on a DoubleArray is inlined into a loop. */
@Differentiable
fun sumOfSquares(p: DoubleArray): Double = p.sumOf { it * it }

/** `repeat` is inlined too, its lambda becoming the loop's body. */
@Differentiable
fun repeated(p: DoubleArray): Double {
    var s = 0.0
    repeat(p.size) { s += p[it] * p[it] * p[it] }
    return s
}

/** A data-class parameter is accepted, as data: it gets no derivative (objects differentiate later, issue 13). */
@Differentiable
fun scaled(fit: Fit, p: DoubleArray): Double = fit.amplitude * p[0]
