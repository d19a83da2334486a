package dev.cotangent.spark;

import dev.cotangent.runtime.Derivatives;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Tape;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The woven gradient of an {@link ExampleLoss}, called directly: the outermost forward sweep
 * {@code (w, w̄, x, x̄, y, tape) → loss} and the reverse sweep {@code (1, tape)} that the Maven
 * plugin wove into the loss's class (the calling convention of {@code dev.cotangent.runtime.Signatures}),
 * looked up once per JVM. No reflection and no copy of the data per example: an executor's cost per
 * row is the two sweeps and two short loops over the scratch adjoints.
 *
 * <p>Not serializable: each JVM makes its own from the {@link LossMethod}. Thread-safe: the
 * scratch adjoints are per thread, as is the tape.
 */
final class ExampleKernel {

    private static final MethodType FORWARD = MethodType.methodType(double.class, double[].class, double[].class,
            double[].class, double[].class, double.class, Tape.class);
    private static final MethodType REVERSE = MethodType.methodType(void.class, double.class, Tape.class);

    private final MethodHandle forward;
    private final MethodHandle reverse;
    /** The adjoints of the weights and of the features, reused by the thread's next example. */
    private final ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[2][0]);

    /**
     * @throws IllegalStateException if the loss's derivatives are not in its class and no weaver
     *                               is on the class path to make them
     * @throws dev.cotangent.NotDifferentiableException if the weaver on the class path cannot differentiate it
     */
    ExampleKernel(LossMethod loss) {
        Class<?> owner = loss.method().getDeclaringClass();
        String name = loss.method().getName();
        String descriptor = Derivatives.descriptor(loss.method());
        MethodHandle f = Derivatives.of(owner, name, descriptor, Mode.TOP_FORWARD);
        if (loss.receiver() != null) {
            f = MethodHandles.insertArguments(f, 0, loss.receiver());
        }
        forward = f.asType(FORWARD);
        reverse = Derivatives.of(owner, name, descriptor, Mode.TOP_REVERSE).asType(REVERSE);
    }

    /**
     * The loss of one example, with its gradient with respect to {@code weights} added to
     * {@code gradient}. Neither {@code weights} nor {@code features} is modified.
     */
    double addGradient(double[] weights, double[] features, double label, double[] gradient) {
        double[][] s = scratch.get();
        if (s[0].length != weights.length) {
            s[0] = new double[weights.length];
        }
        if (s[1].length != features.length) {
            s[1] = new double[features.length];
        }
        double[] weightsBar = s[0];
        double[] featuresBar = s[1];
        java.util.Arrays.fill(weightsBar, 0.0);
        java.util.Arrays.fill(featuresBar, 0.0);
        Tape tape = Tape.acquire();
        double loss;
        try {
            // The outermost forward sweep copies an argument itself if the loss writes into it.
            loss = (double) forward.invokeExact(weights, weightsBar, features, featuresBar, label, tape);
            reverse.invokeExact(1.0, tape);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            Tape.release(tape);
        }
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += weightsBar[i];
        }
        return loss;
    }
}
