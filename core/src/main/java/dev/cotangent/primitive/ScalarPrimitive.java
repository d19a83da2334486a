package dev.cotangent.primitive;

import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * A rank-0 primitive the weaver meets in bytecode: a JVM arithmetic opcode on doubles
 * ({@code DADD}…{@code DNEG}), or a static method such as {@code Math.sin(D)D}. Its
 * arguments are the {@code double} parameters in order; {@code rules} has one entry per
 * parameter ({@code null} for a parameter that is not a {@code double}, like the
 * {@code int} of {@code Math.scalb}).
 *
 * @param name    e.g. {@code dmul}, {@code Math.sin}
 * @param opcode  the JVM opcode, or −1 for a method
 * @param keys    the methods this primitive is ({@code Math} and {@code StrictMath} share
 *                rules); empty for an opcode
 * @param kernel  evaluates the primitive on boxed arguments (for tests and the reflective path)
 * @param rules   one per parameter
 * @param integer whether the result is not a {@code double} (e.g. {@code Math.round}):
 *                such a primitive only declares that an active argument may flow in
 * @since 0.1
 */
public record ScalarPrimitive(String name, int opcode, List<MethodKey> keys, MethodHandle kernel,
                              List<ScalarRule> rules, boolean integer) {

    /** The primitive's value. */
    public double apply(double... args) {
        try {
            Object[] boxed = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                boxed[i] = args[i];
            }
            Object r = kernel.invokeWithArguments(boxed);
            return r instanceof Number n ? n.doubleValue() : ((Boolean) r ? 1.0 : 0.0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Σ dᵢ·uᵢ}: the tangent of the result for tangents {@code u} of the arguments. */
    public double jvp(double[] args, double y, double[] u) {
        double sum = 0;
        for (int i = 0; i < rules.size(); i++) {
            sum += times(rules.get(i), args, y, u[i]);
        }
        return sum;
    }

    /** {@code dᵢ·v} for every argument: the adjoints for cotangent {@code v} of the result. */
    public double[] vjp(double[] args, double y, double v) {
        double[] out = new double[rules.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = times(rules.get(i), args, y, v);
        }
        return out;
    }

    private static double times(ScalarRule rule, double[] args, double y, double u) {
        if (rule == null) {
            return 0;
        }
        if (rule instanceof ScalarRule.Identity) {
            return u;
        }
        if (rule instanceof ScalarRule.Negate) {
            return -u;
        }
        if (rule instanceof ScalarRule.Derivative d) {
            return d.at(args, y) * u;
        }
        return 0;
    }
}
