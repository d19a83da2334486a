// The sample was woven ahead of time; run it with cotangent-core alone (no agent, no weaver).
import java.nio.file.Files

def classes = new File(basedir, 'target/classes')
def model = new File(classes, 'com/acme/Model.class')
assert model.isFile()
def bytes = new String(Files.readAllBytes(model.toPath()), 'ISO-8859-1')
assert bytes.contains('cotangent$tangent$rosenbrock')
assert bytes.contains('cotangent$reverseTop$rosenbrock')
assert bytes.contains('cotangent$hessianForward$quartic')
assert bytes.contains('cotangent$hessianReverse$quartic')
assert new String(Files.readAllBytes(new File(classes, 'com/acme/Terms.class').toPath()), 'ISO-8859-1')
        .contains('cotangent$reverse$term')
assert new String(Files.readAllBytes(new File(basedir, 'target/test-classes/com/acme/Fixture.class').toPath()),
        'ISO-8859-1').contains('cotangent$tangent$cube')

// The second build found everything woven and rewrote nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('Wove 8 classes in ' + classes.absolutePath)
assert log.contains('Wove 0 classes in ' + classes.absolutePath + ' (8 already woven)')

def core = new File(localRepositoryPath,
        "dev/cotangent/cotangent-core/${cotangentVersion}/cotangent-core-${cotangentVersion}.jar")
assert core.isFile()
def java = new File(System.getProperty('java.home'), 'bin/java').absolutePath
def command = [java, '-cp', classes.absolutePath + File.pathSeparator + core.absolutePath, 'com.acme.Main']
def process = new ProcessBuilder(command).redirectErrorStream(true).start()
def output = process.inputStream.text
process.waitFor()
println output
assert process.exitValue() == 0 : output
assert output.contains('weaver on the class path: false')
// Model's own code merges Integer and Double into a Number: the woven class loaded and ran it.
assert output.contains('parsed: 3.0 2.5')

// ∂/∂x of Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])², by hand.
double[] x = [1.5, -0.5, 2.0]
double[] expected = new double[3]
for (int i = 0; i < 2; i++) {
    double d = x[i + 1] - x[i] * x[i]
    expected[i] += -400 * d * x[i] - 2 * (1 - x[i])
    expected[i + 1] += 200 * d
}
def gradient = (output =~ /gradient: \[(.*)\]/)[0][1].split(', ').collect { it as double }
assert gradient.size() == 3
for (int i = 0; i < 3; i++) {
    assert Math.abs(gradient[i] - expected[i]) < 1e-9 : "gradient ${gradient} != ${expected}"
}
assert output.contains('derivative (quartic): 34.0')   // 4·2³ + 2

// Σ xᵢ⁴ + xᵢ·x₍ᵢ₊₁₎ mod 3 has (Hv)ᵢ = 12xᵢ²vᵢ + vᵢ₋₁ + vᵢ₊₁: its HVP ran with no weaver either.
double[] v = [1, 2, 3]
def hv = (output =~ /hvp: \[(.*)\]/)[0][1].split(', ').collect { it as double }
for (int i = 0; i < 3; i++) {
    double byHand = 12 * x[i] * x[i] * v[i] + v[(i + 2) % 3] + v[(i + 1) % 3]
    assert Math.abs(hv[i] - byHand) < 1e-9 : "hvp ${hv}: element ${i} should be ${byHand}"
}
assert output.contains('derivative (well): 0.0')       // sin 0 + 0

// Dispatch and lambdas with no weaver at run time: 3x² + cos x + 2 cos 2x + 4 + x + 2x at x = 0.5.
double byHand = 3 * 0.25 + Math.cos(0.5) + 2 * Math.cos(1.0) + 4 + 0.5 + 1.0
def shapesJvp = (output =~ /derivative \(shapes\): (\S+)/)[0][1] as double
def shapesGradient = (output =~ /gradient \(shapes\): (\S+)/)[0][1] as double
assert Math.abs(shapesJvp - byHand) < 1e-12 : "jvp ${shapesJvp} != ${byHand}"
assert Math.abs(shapesGradient - byHand) < 1e-12 : "gradient ${shapesGradient} != ${byHand}"
def shapes = new String(Files.readAllBytes(new File(classes, 'com/acme/Shapes.class').toPath()), 'ISO-8859-1')
assert shapes.contains('cotangent$tangent$cotangent$lambda$')   // the bridges of the lambdas
assert new String(Files.readAllBytes(new File(classes, 'com/acme/Shapes$Curve.class').toPath()), 'ISO-8859-1')
        .contains('cotangent$tangent$at')
return true
