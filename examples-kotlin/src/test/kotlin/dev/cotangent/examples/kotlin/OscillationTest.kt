package dev.cotangent.examples.kotlin

import dev.cotangent.AD
import dev.cotangent.runtime.DerivativeFactory
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.ServiceLoader
import kotlin.math.abs
import kotlin.math.max

class OscillationTest {

    private val t = DoubleArray(40) { it * 0.1 }
    private val y = DoubleArray(40) { 1.5 * kotlin.math.cos(it * 0.3) }
    private val p = doubleArrayOf(1.2, 0.25, 4.0, 0.3)

    @Test
    fun `the tests run without a weaver, so every derivative was woven by the plugin`() {
        assertFalse(ServiceLoader.load(DerivativeFactory::class.java).findFirst().isPresent)
        val methods = Class.forName("dev.cotangent.examples.kotlin.Oscillation").declaredMethods.map { it.name }
        // The function, the default-argument bridge kotlinc wrote for huber, and the bridge for ::sampleLoss.
        assertTrue("cotangent\$tangent\$loss" in methods, methods.toString())
        assertTrue(methods.any { it.startsWith("cotangent\$forward\$huber\$default") }, methods.toString())
    }

    @Test
    fun `gradient of a top-level function equals central differences`() {
        val f = AD.function(Class.forName("dev.cotangent.examples.kotlin.Oscillation"), "loss",
            DoubleArray::class.java, DoubleArray::class.java, DoubleArray::class.java)
        val gradient = f.gradient(p, t, y)[0] as DoubleArray
        for (j in p.indices) {
            val h = 1e-6
            val up = p.copyOf().also { it[j] += h }
            val down = p.copyOf().also { it[j] -= h }
            val central = (loss(up, t, y) - loss(down, t, y)) / (2 * h)
            assertEquals(central, gradient[j], 1e-7 * max(1.0, abs(central)), "d loss / d p[$j]")
        }
    }

    @Test
    fun `a function reference gives the same derivative in both modes`() {
        val gradient = AD.gradient(::sampleLoss, p)
        val u = doubleArrayOf(0.3, -0.7, 0.2, 1.1)
        val forward = AD.jvp(::sampleLoss, p, u)
        val reverse = gradient.indices.sumOf { gradient[it] * u[it] }
        assertEquals(forward, reverse, 1e-12 * max(1.0, abs(forward)))
    }

    @Test
    fun `the require in a differentiated function still throws`() {
        val f = AD.function(Class.forName("dev.cotangent.examples.kotlin.Oscillation"), "loss",
            DoubleArray::class.java, DoubleArray::class.java, DoubleArray::class.java)
        val e = runCatching { f.gradient(p, t, DoubleArray(3)) }.exceptionOrNull()
        assertTrue(e is IllegalArgumentException && e.message == "t and y differ in size", e.toString())
    }
}

class ConstructsTest {

    private val p = doubleArrayOf(0.5, -2.0, 1.5)
    private val constructs = Class.forName("dev.cotangent.examples.kotlin.Constructs")

    private fun gradient(name: String): DoubleArray =
        AD.function(constructs, name, DoubleArray::class.java).gradient(p)[0] as DoubleArray

    @Test
    fun `not-null assertion, sumOf and repeat differentiate to their closed forms`() {
        assertEquals(listOf(3.0, 1.0, 0.0), gradient("notNull").toList())
        assertEquals(p.map { 2 * it }, gradient("sumOfSquares").toList())
        assertEquals(p.map { 3 * it * it }, gradient("repeated").toList())
    }

    @Test
    fun `a data-class parameter is data, with no derivative`() {
        val fit = Fit(2.5, 0.0, 0.0, 0.0)
        val g = AD.function(constructs, "scaled", Fit::class.java, DoubleArray::class.java).gradient(fit, p)
        assertEquals(null, g[0])
        assertEquals(listOf(2.5, 0.0, 0.0), (g[1] as DoubleArray).toList())
    }
}
