package dev.cotangent;

import dev.cotangent.primitive.Lambdas;
import dev.cotangent.tensor.Tensor;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry to derivatives.
 *
 * <p>The reflective form always works: {@link #function(Class, String, Class[])} returns a
 * {@link DifferentiableFunction} with {@code value}, {@code jvp}, {@code gradient} and
 * {@code vjp}. The typed forms take a method reference or lambda of a serializable functional
 * interface ({@link ScalarFunction}, {@link MultivariateFunction}, {@link VectorFunction}):
 * serialisation names the method behind it, and that method's woven derivative is called.
 *
 * <pre>{@code
 * double slope = AD.derivative(Model::f, 2.0);
 * double[] grad = AD.gradient(Model::rosenbrock, x);
 * }</pre>
 *
 * <p>Derivatives come from the code the {@code -javaagent} or the Maven plugin wove, or,
 * when neither ran, from code the weaver on the class path generates on first use.
 *
 * @since 0.1
 */
public final class AD {

    private AD() {}

    /** {@code double → double}, differentiable. */
    @FunctionalInterface
    public interface ScalarFunction extends Serializable {
        double apply(double x);
    }

    /** {@code double[] → double}, differentiable. */
    @FunctionalInterface
    public interface MultivariateFunction extends Serializable {
        double apply(double[] x);
    }

    /** {@code double[] → double[]}, differentiable. */
    @FunctionalInterface
    public interface VectorFunction extends Serializable {
        double[] apply(double[] x);
    }

    /**
     * The method {@code owner.name(parameterTypes)} as a differentiable function. Its
     * derivatives are generated (or found, if woven) now, so a construct that cannot be
     * differentiated is reported here.
     *
     * @throws IllegalArgumentException   if there is no such method
     * @throws NotDifferentiableException if it cannot be differentiated
     */
    public static DifferentiableFunction function(Class<?> owner, String name, Class<?>... parameterTypes) {
        try {
            return new DifferentiableFunction(owner.getDeclaredMethod(name, parameterTypes), new Object[0]).prepared();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no method " + name + Arrays.toString(parameterTypes) + " in "
                    + owner.getName());
        }
    }

    /** {@code f'(x)}. */
    public static double derivative(ScalarFunction f, double x) {
        return jvp(f, x, 1.0);
    }

    /** {@code f'(x)·dx}: the tangent of {@code f} at {@code x} along {@code dx}. */
    public static double jvp(ScalarFunction f, double x, double dx) {
        return (Double) of(f).jvp(new Object[] {x}, new Object[] {dx});
    }

    /** {@code ∇f(x)}, in reverse mode: one forward and one reverse sweep whatever the length of x. */
    public static double[] gradient(MultivariateFunction f, double[] x) {
        return (double[]) of(f).gradient(x)[0];
    }

    /** {@code f(x)} and {@code ∇f(x)} from one forward and one reverse sweep. */
    public static ValueAndGradient valueAndGradient(MultivariateFunction f, double[] x) {
        GradientFunction g = gradientFunction(f);
        double[] gradient = new double[x.length];
        double value = g.valueAndGradient(x, gradient);
        return new ValueAndGradient(value, gradient);
    }

    /**
     * {@code f}'s gradient as a reusable function whose derivative code is looked up once:
     * for optimisers and other loops that ask for many gradients.
     */
    public static GradientFunction gradientFunction(MultivariateFunction f) {
        SerializedTarget t = target(f);
        return new GradientFunction(t.function(), t.bound());
    }

    /**
     * The value of a vector function at {@code x} and its pullback {@code v ↦ J(x)ᵀ·v}, which
     * may be applied to many cotangents: the forward sweep runs once.
     */
    public static Pullback vjp(VectorFunction f, double[] x) {
        return of(f).pullback(new Object[] {x});
    }

    /** {@code ∇f(x)·dx}. */
    public static double jvp(MultivariateFunction f, double[] x, double[] dx) {
        return (Double) of(f).jvp(new Object[] {x}, new Object[] {dx});
    }

    /** {@code J(x)·dx} for a vector-valued {@code f}. */
    public static double[] jvp(VectorFunction f, double[] x, double[] dx) {
        return (double[]) of(f).jvp(new Object[] {x}, new Object[] {dx});
    }

    /**
     * The Jacobian of {@code f} at {@code x}: {@code result[i][j] = ∂fᵢ/∂xⱼ}, by forward
     * mode (one tangent per input) when there are no more inputs than outputs, by reverse mode
     * (one pullback per output, the forward sweep shared) otherwise.
     */
    public static double[][] jacobian(VectorFunction f, double[] x) {
        DifferentiableFunction d = of(f);
        double[] y = f.apply(x.clone());
        if (y.length < x.length) {
            Pullback p = d.pullback(new Object[] {x});
            double[][] rows = new double[y.length][];
            for (int i = 0; i < y.length; i++) {
                double[] unit = new double[y.length];
                unit[i] = 1.0;
                rows[i] = p.apply(unit);
            }
            return rows;
        }
        double[][] columns = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            double[] unit = new double[x.length];
            unit[j] = 1.0;
            columns[j] = (double[]) d.jvp(new Object[] {x}, new Object[] {unit});
        }
        int m = columns.length == 0 ? f.apply(x).length : columns[0].length;
        double[][] jacobian = new double[m][x.length];
        for (int j = 0; j < x.length; j++) {
            for (int i = 0; i < m; i++) {
                jacobian[i][j] = columns[j][i];
            }
        }
        return jacobian;
    }

    /**
     * The Hessian-vector product {@code ∇²f(x)·v}, exactly, by reverse mode over forward mode:
     * about the cost of two gradients.
     */
    public static double[] hvp(MultivariateFunction f, double[] x, double[] v) {
        if (v.length != x.length) {
            throw new IllegalArgumentException("hvp: v has length " + v.length + " but x has length " + x.length);
        }
        return (double[]) of(f).hvp(new Object[] {x}, new Object[] {v})[0];
    }

    /** The Hessian {@code ∇²f(x)}, one Hessian-vector product per column: for small inputs. */
    public static double[][] hessian(MultivariateFunction f, double[] x) {
        DifferentiableFunction d = of(f);
        double[][] h = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            double[] unit = new double[x.length];
            unit[j] = 1.0;
            h[j] = (double[]) d.hvp(new Object[] {x}, new Object[] {unit})[0];
        }
        return h;
    }

    /** {@code x}, through which no derivative flows. */
    public static double stopGradient(double x) {
        return x;
    }

    /** {@code x}, through which no derivative flows. */
    public static double[] stopGradient(double[] x) {
        return x;
    }

    /** {@code x}, through which no derivative flows. */
    public static double[][] stopGradient(double[][] x) {
        return x;
    }

    /** {@code x}, through which no derivative flows. */
    public static Tensor stopGradient(Tensor x) {
        return x;
    }

    /** The method behind a serializable lambda or method reference, with its captured values bound. */
    static DifferentiableFunction of(Serializable lambda) {
        return target(lambda).function();
    }

    private record SerializedTarget(DifferentiableFunction function, Object[] bound) {}

    private static SerializedTarget target(Serializable lambda) {
        SerializedLambda s = serialized(lambda);
        String impl = s.getImplClass();
        if (impl.startsWith("java/") || impl.startsWith("javax/") || impl.startsWith("jdk/")) {
            String name = impl.replace('/', '.') + "." + s.getImplMethodName();
            throw new IllegalArgumentException("cannot weave " + name + ", a JDK method; differentiate a lambda of "
                    + "your own that calls it, e.g. x -> " + name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1)
                    + 1) + "(x)");
        }
        try {
            Class<?> owner = Class.forName(s.getImplClass().replace('/', '.'), false, lambda.getClass().getClassLoader());
            Method target = null;
            for (Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(s.getImplMethodName())
                        && dev.cotangent.runtime.Derivatives.descriptor(m).equals(s.getImplMethodSignature())) {
                    target = m;
                }
            }
            if (target == null) {
                throw new IllegalArgumentException("cannot find " + s.getImplMethodName() + " in " + owner.getName());
            }
            Object[] captured = Lambdas.captured(s);
            return new SerializedTarget(new DifferentiableFunction(target, captured).prepared(), captured);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot load the class of " + lambda, e);
        }
    }

    private static SerializedLambda serialized(Serializable lambda) {
        SerializedLambda s = Lambdas.serialized(lambda);
        if (s == null) {
            throw new IllegalArgumentException(lambda + " is not a lambda or method reference; pass Model::f, or use "
                    + "AD.function(Model.class, \"f\", double.class)");
        }
        return s;
    }
}
