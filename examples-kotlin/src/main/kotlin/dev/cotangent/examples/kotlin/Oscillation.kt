// A damped oscillation fitted to noisy samples, in Kotlin: top-level @Differentiable functions
// over DoubleArray and kotlin.math, compiled by kotlinc and woven by cotangent-maven-plugin.
@file:JvmName("Oscillation")

package dev.cotangent.examples.kotlin

import dev.cotangent.AD
import dev.cotangent.Differentiable
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.cos
import kotlin.math.exp
import kotlin.math.sqrt

/** The fitted parameters, carried outside the differentiated code (objects differentiate later). */
data class Fit(val amplitude: Double, val decay: Double, val frequency: Double, val phase: Double) {
    constructor(p: DoubleArray) : this(p[0], p[1], p[2], p[3])
}

/** `a·e^(−k·t)·cos(ω·t + φ)` with p = (a, k, ω, φ): an extension function, differentiated through. */
fun DoubleArray.signal(t: Double): Double = this[0] * exp(-this[1] * t) * cos(this[2] * t + this[3])

/** A helper with a default argument: kotlinc adds `huber$default`, which woven code calls. */
fun huber(r: Double, delta: Double = 1.0): Double =
    if (abs(r) <= delta) 0.5 * r * r else delta * (abs(r) - 0.5 * delta)

/** The mean Huber loss of the model against samples `y` at times `t`. */
@Differentiable
fun loss(p: DoubleArray, t: DoubleArray, y: DoubleArray): Double {
    require(t.size == y.size) { "t and y differ in size" }
    var sum = 0.0
    for (i in t.indices) {
        sum += huber(p.signal(t[i]) - y[i])
    }
    return sum / t.size
}

/** The same fit as a function of p alone, for AD's typed forms: the data come from these arrays. */
private val times = DoubleArray(200) { it * 0.05 }
private val truth = doubleArrayOf(2.0, 0.3, 2 * PI * 0.8, 0.4)
private val samples = DoubleArray(times.size) { i ->
    truth.signal(times[i]) + 0.05 * sin1(i)
}

/** A deterministic stand-in for noise (no RNG, so the test and the example see the same data). */
private fun sin1(i: Int): Double = kotlin.math.sin(i * 12.9898) * 0.5

@Differentiable
fun sampleLoss(p: DoubleArray): Double = loss(p, times, samples)

fun main() {
    val start = doubleArrayOf(1.5, 0.2, 5.0, 0.0)
    val p = start.copyOf()
    // Adam, written out: the gradient by reverse mode from a Kotlin function reference.
    val m = DoubleArray(p.size)
    val v = DoubleArray(p.size)
    val rate = 0.02
    var last = Double.NaN
    for (step in 1..1000) {
        val g = AD.gradient(::sampleLoss, p)
        for (j in p.indices) {
            m[j] = 0.9 * m[j] + 0.1 * g[j]
            v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j]
            val mHat = m[j] / (1 - Math.pow(0.9, step.toDouble()))
            val vHat = v[j] / (1 - Math.pow(0.999, step.toDouble()))
            p[j] -= rate * mHat / (sqrt(vHat) + 1e-12)
        }
        last = sampleLoss(p)
        if (step % 100 == 0) println("step %4d   loss %.8f".format(step, last))
    }
    println("fitted  ${Fit(p)}")
    println("truth   ${Fit(truth)}")
    // At the start, the derivative along a direction by forward mode, against a central difference.
    val direction = doubleArrayOf(1.0, -1.0, 0.5, 0.25)
    val jvp = AD.jvp(::sampleLoss, start, direction)
    val h = 1e-6
    val fd = (sampleLoss(DoubleArray(4) { start[it] + h * direction[it] }) -
        sampleLoss(DoubleArray(4) { start[it] - h * direction[it] })) / (2 * h)
    println("directional derivative at the start: forward mode %.10f, central difference %.10f".format(jvp, fd))
    check(last < 0.01) { "the fit did not converge: loss $last" }
}
