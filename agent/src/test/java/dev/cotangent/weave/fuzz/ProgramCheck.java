package dev.cotangent.weave.fuzz;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.Derivatives;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.runtime.TangentOut;
import dev.cotangent.runtime.Tape;
import dev.cotangent.runtime.Values;
import dev.cotangent.testing.GradCheck;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.cotangent.testing.GradCheck.copies;

/**
 * The oracle for one generated program, at a smooth point drawn from the program's seed:
 * <ul>
 *   <li>the weaver accepts it (a {@link NotDifferentiableException} is a failure);</li>
 *   <li>the primal value is unchanged: {@code value}, the tangent code and the forward sweep
 *       all return exactly what a direct call returns;</li>
 *   <li>the reverse-mode gradient (or VJP, for array results) matches central finite
 *       differences element by element, to {@value #RTOL} relative;</li>
 *   <li>the forward-mode JVP along a random direction matches the finite-difference
 *       directional derivative, to {@value #RTOL} relative;</li>
 *   <li>{@code ⟨JVP(u), v⟩ = ⟨u, VJP(v)⟩} to {@value #DOT_RTOL} relative;</li>
 *   <li>{@code gradient}, {@code vjp} and {@code jvp} leave their arguments unmodified;</li>
 *   <li>for a {@code double} result, the Hessian-vector product along the same direction
 *       matches central differences of the gradient, to {@value #HVP_RTOL} relative (recursion
 *       and virtual calls, which second order refuses, skip this check).</li>
 * </ul>
 */
final class ProgramCheck {

    static final double RTOL = 1e-6;
    static final double ATOL = 1e-9;
    static final double DOT_RTOL = 1e-10;

    /** How a check ended: passed, or skipped because no smooth point was found. */
    enum Outcome { PASSED, SKIPPED }

    /** A failed check; {@code kind} names which one, so that shrinking can keep the failure the same. */
    static final class Failure extends AssertionError {
        private static final long serialVersionUID = 1L;
        final String kind;

        Failure(String kind, String message, Throwable cause) {
            super(kind + ": " + message, cause);
            this.kind = kind;
        }
    }

    private ProgramCheck() {}

    static Outcome run(Program p, Class<?> plain, Class<?> probe) {
        try {
            return check(p, plain, probe);
        } catch (Failure f) {
            throw f;
        } catch (NotDifferentiableException e) {
            throw new Failure("rejected", e.getMessage(), e);
        } catch (AssertionError e) {
            throw new Failure(e.getMessage().replaceAll(" of .*|:.*", ""), e.getMessage(), e);
        } catch (Throwable e) {
            Throwable t = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new Failure("crash " + t.getClass().getSimpleName(), String.valueOf(t.getMessage()), t);
        }
    }

    private static Outcome check(Program p, Class<?> plain, Class<?> probe) throws Throwable {
        Method m = plain.getDeclaredMethod(p.entry(), p.types());
        Method probed = probe.getDeclaredMethod(p.entry(), p.types());
        SplittableRandom random = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + 1);
        SmoothPoints.Point point;
        Object direct;
        try {
            point = SmoothPoints.find(p, probed, random);
            if (point == null) {
                return Outcome.SKIPPED;
            }
            direct = m.invoke(null, copies(point.args()));
        } catch (InvocationTargetException | IllegalStateException e) {
            throw new Failure("generator", "the generated program throws " + e.getCause(), e.getCause());
        }
        Object[] args = point.args();
        Object[] u = point.tangent();

        DifferentiableFunction f = AD.function(plain, p.entry(), p.types());
        same(f.value(copies(args)), direct, "value");
        same(wovenPrimal(plain, m, args, Mode.TANGENT), direct, "primal of the tangent code");
        same(wovenPrimal(plain, m, args, Mode.TOP_FORWARD), direct, "primal of the forward sweep");

        boolean scalar = p.result() == Scope.Type.DOUBLE;
        Object v = scalar ? (Object) 1.0 : GradCheck.randomLike(direct, random);
        Object[] before = copies(args);
        Object[] vjp = scalar ? f.gradient(args) : f.vjp(args, v);
        unmodified(args, before, scalar ? "gradient" : "vjp");
        List<Double> reverse = new ArrayList<>();
        List<Double> numeric = new ArrayList<>();
        List<Object[]> units = SmoothPoints.directions(args, u);
        for (Object[] unit : units.subList(1, units.size())) {
            numeric.add((Double) GradCheck.numericJvp(a -> GradCheck.inner(f.value(copies(a)), v), args, unit,
                    SmoothPoints.STEP));
            reverse.add(GradCheck.inner(flatten(vjp, unit), 1.0));
        }
        GradCheck.assertClose(toArray(reverse), toArray(numeric), RTOL, ATOL,
                (scalar ? "gradient" : "vjp") + " vs finite differences (elements in argument order)");

        Object jvp = f.jvp(args, u);
        unmodified(args, before, "jvp");
        Object fd = GradCheck.numericJvp(a -> f.value(copies(a)), args, u, SmoothPoints.STEP);
        GradCheck.assertClose(jvp, fd, RTOL, ATOL, "jvp vs finite differences");

        Object[] adjoints = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            adjoints[i] = u[i] == null ? null : vjp[i];
        }
        GradCheck.assertDotProduct(u, jvp, v, adjoints, DOT_RTOL, "dot product");
        if (scalar) {
            hessianVectorProduct(f, args, u);
        }
        return Outcome.PASSED;
    }

    /**
     * The Hessian-vector product along u against central differences of the gradient along u,
     * to {@value #HVP_RTOL}. Recursion and virtual calls are the refusals second order may make.
     */
    private static void hessianVectorProduct(DifferentiableFunction f, Object[] args, Object[] u) {
        Object[] hv;
        try {
            hv = f.hvp(copies(args), u);
        } catch (NotDifferentiableException e) {
            if (e.getMessage().contains("recursive call") || e.getMessage().contains("virtual call")) {
                return;
            }
            throw new Failure("hvp rejected", e.getMessage(), e);
        }
        double[] numeric = (double[]) GradCheck.numericJvp(a -> GradCheck.flatDerivatives(f.gradient(copies(a)), a, i -> u[i] != null), args, u,
                SmoothPoints.STEP);
        GradCheck.assertClose(GradCheck.flatDerivatives(hv, args, i -> u[i] != null), numeric, HVP_RTOL, ATOL,
                "hvp vs finite differences of the gradient");
    }

    static final double HVP_RTOL = 1e-5;

    /** The entry of {@code vjp} that {@code unit} (a unit direction in one argument) selects. */
    private static double flatten(Object[] vjp, Object[] unit) {
        for (int i = 0; i < unit.length; i++) {
            if (unit[i] != null) {
                return GradCheck.inner(vjp[i], unit[i]);
            }
        }
        throw new IllegalArgumentException("no direction");
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void same(Object actual, Object expected, String what) {
        if (!Arrays.deepEquals(new Object[] {actual}, new Object[] {expected})) {
            throw new Failure("primal", what + " is " + show(actual) + " but a direct call gives " + show(expected),
                    null);
        }
    }

    private static void unmodified(Object[] args, Object[] before, String what) {
        if (!Arrays.deepEquals(args, before)) {
            throw new Failure("modified", what + " modified its arguments: " + Arrays.deepToString(before) + " became "
                    + Arrays.deepToString(args), null);
        }
    }

    private static String show(Object v) {
        return v instanceof Object[] || v instanceof double[] ? Arrays.deepToString(new Object[] {v}) : String.valueOf(v);
    }

    /**
     * The value the woven tangent code ({@code TANGENT}, zero tangents) or the outermost
     * forward sweep ({@code TOP_FORWARD}, its tape then dropped) returns, on copies of the arguments.
     */
    private static Object wovenPrimal(Class<?> owner, Method m, Object[] args, Mode mode) throws Throwable {
        MethodHandle h = Derivatives.of(owner, m.getName(), Derivatives.descriptor(m), mode);
        List<Object> invocation = new ArrayList<>();
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            Object copy = Values.copy(args[i]);
            invocation.add(copy);
            boolean differentiable = Values.differentiable(types[i]);
            if (mode == Mode.TANGENT && differentiable) {
                invocation.add(Values.zerosLike(args[i]));
            } else if (mode == Mode.TOP_FORWARD
                    && Signatures.shadowed(MethodType.methodType(types[i]).toMethodDescriptorString().substring(2))) {
                invocation.add(Values.shadowOf(copy));
            }
        }
        if (mode == Mode.TANGENT) {
            invocation.add(new TangentOut());
            return h.invokeWithArguments(invocation);
        }
        Tape tape = Tape.acquire();
        try {
            invocation.add(tape);
            return h.invokeWithArguments(invocation);
        } finally {
            Tape.release(tape);
        }
    }
}
