package dev.cotangent.examples.kotlin

import dev.cotangent.AD
import dev.cotangent.Differentiable
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.sqrt
import kotlin.math.tanh
import kotlin.math.pow

@Differentiable
fun probe(w: DoubleArray): Double {
    var s = 0.0
    for (i in w.indices) {
        s += tanh(w[i]) * exp(-w[i] * w[i]) + sqrt(1 + w[i].pow(2)) + ln(2.0 + w[i] * w[i])
    }
    return s
}

fun main() {
    val x = doubleArrayOf(0.3, -0.5)
    try {
        println("sam ref " + AD.gradient(::probe, x).contentToString())
    } catch (e: Exception) { println("sam ref: $e") }
    try {
        println("sam lambda " + AD.gradient({ w -> probe(w) }, x).contentToString())
    } catch (e: Exception) { println("sam lambda: $e") }
    val f = AD.function(Class.forName("dev.cotangent.examples.kotlin.ProbeKt"), "probe", DoubleArray::class.java)
    println("reflective " + (f.gradient(x)[0] as DoubleArray).contentToString())
}
