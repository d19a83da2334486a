package dev.cotangent.primitive;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * A differentiable operation on tensors: a public static method (its kernel) and, per
 * argument, the {@link Rule} that says how the output depends on it. Both modes are derived
 * from the rules: {@link #jvp} applies them to tangents, {@link #vjp} applies their
 * transposes to a cotangent. Arguments without a rule (axes, flags, shapes) are static.
 *
 * @since 0.1
 */
public final class Primitive {

    private final String name;
    private final Method method;
    private final MethodKey key;
    private final MethodHandle kernel;
    private final Rule[] rules;

    Primitive(String name, Method method, Rule[] rules) {
        if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())) {
            throw new IllegalArgumentException("primitive " + name + ": " + method + " must be public and static");
        }
        this.name = name;
        this.method = method;
        this.key = MethodKey.of(method);
        this.rules = rules;
        try {
            int n = method.getParameterCount();
            method.setAccessible(true);
            this.kernel = MethodHandles.lookup().unreflect(method).asFixedArity()
                    .asSpreader(Object[].class, n)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("primitive " + name + ": cannot access " + method, e);
        }
    }

    /** The name users and error messages know it by, e.g. {@code sin}, {@code matmul}. */
    public String name() {
        return name;
    }

    /** The method this primitive is; call sites of it are where the weaver applies the rules. */
    public MethodKey key() {
        return key;
    }

    /** The reflected method. */
    public Method method() {
        return method;
    }

    /** The number of parameters. */
    public int arity() {
        return rules.length;
    }

    /** Whether argument {@code i} carries a derivative (has a rule, possibly {@link Rule.Zero}). */
    public boolean differentiable(int i) {
        return rules[i] != null;
    }

    /** The rule for argument {@code i}, or {@code null} for a static parameter. */
    public Rule rule(int i) {
        return rules[i];
    }

    /** Runs the kernel. */
    public Object apply(Object... args) {
        if (args.length != rules.length) {
            throw new IllegalArgumentException(name + " takes " + rules.length + " arguments, got " + args.length);
        }
        try {
            return (Object) kernel.invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the kernel and records the call for the derivative. */
    public Call call(Object... args) {
        return new Call(args.clone(), apply(args));
    }

    /**
     * The output's tangent given one tangent per argument ({@code null}: zero or static).
     * Returns {@code null} when every contribution is zero.
     */
    public Object jvp(Call c, Object... tangents) {
        if (tangents.length != rules.length) {
            throw new IllegalArgumentException(name + ".jvp: " + tangents.length + " tangents for " + rules.length
                    + " arguments");
        }
        Object sum = null;
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] != null && tangents[i] != null) {
                try {
                    sum = add(sum, rules[i].jvp(this, c, i, tangents[i]));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new IllegalArgumentException("primitive " + name + ", forward rule for argument " + i + ": "
                            + e.getMessage(), e);
                }
            }
        }
        return sum;
    }

    /**
     * One adjoint per argument for the output's cotangent {@code v} ({@code Tensor[]} for a
     * primitive with several outputs; {@code null} entries are zero). Static arguments and
     * zero adjoints are {@code null}.
     */
    public Object[] vjp(Call c, Object v) {
        Object[] out = new Object[rules.length];
        if (v == null) {
            return out;
        }
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] != null) {
                out[i] = vjp(c, v, i);
            }
        }
        return out;
    }

    /** The adjoint for argument {@code i} alone, for callers that only need one. */
    public Object vjp(Call c, Object v, int i) {
        if (rules[i] == null || v == null) {
            return null;
        }
        try {
            return rules[i].vjp(this, c, i, v);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("primitive " + name + ", reverse rule for argument " + i + ": "
                    + e.getMessage(), e);
        }
    }

    /** Sums two tangents: tensors, sequences of tensors, or {@code null} for zero. */
    static Object add(Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a instanceof Tensor x && b instanceof Tensor y) {
            return Np.add(x, y);
        }
        Tensor[] x = (Tensor[]) a;
        Tensor[] y = (Tensor[]) b;
        Tensor[] out = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (Tensor) add(x[i], y[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " " + key.display();
    }

    /**
     * Declares a primitive's rules, argument by argument; {@link Registry} builds its table
     * with these, and users register their own primitives the same way.
     */
    public static final class Builder {
        private final String name;
        private final Method method;
        private final Rule[] rules;
        private final java.util.function.Consumer<Primitive> sink;

        Builder(String name, Method method, List<Primitive> sink) {
            this(name, method, sink::add);
        }

        Builder(String name, Method method, java.util.function.Consumer<Primitive> sink) {
            this.name = name;
            this.method = method;
            this.rules = new Rule[method.getParameterCount()];
            this.sink = sink;
        }

        /** Any rule for argument {@code i}. */
        public Builder rule(int i, Rule rule) {
            if (i < 0 || i >= rules.length) {
                throw new IllegalArgumentException("primitive " + name + ": no argument " + i + " (it takes "
                        + rules.length + ")");
            }
            if (rule == null) {
                throw new IllegalArgumentException("primitive " + name + ": the rule for argument " + i + " is null");
            }
            if (rules[i] != null) {
                throw new IllegalStateException("primitive " + name + ": argument " + i + " has a rule already");
            }
            rules[i] = rule;
            return this;
        }

        /** {@code B(d, u)} for argument {@code i}: one einsum term with a fixed spec. */
        public Builder d(int i, Rule.DerivativeValue d, String spec) {
            try {
                TangentSpec.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("primitive " + name + ", argument " + i + ": " + e.getMessage(), e);
            }
            return rule(i, new Rule.Bilinear(List.of(new Rule.Bilinear.Term(d, c -> spec)), -1));
        }

        /** {@code B(d, u)} for argument {@code i} with a spec chosen per call (ranks, axes). */
        public Builder d(int i, Rule.DerivativeValue d, Rule.SpecChoice spec) {
            return rule(i, new Rule.Bilinear(List.of(new Rule.Bilinear.Term(d, spec)), -1));
        }

        /** A sum of einsum terms for argument {@code i}. */
        public Builder terms(int i, Rule.Bilinear.Term... terms) {
            return rule(i, new Rule.Bilinear(List.of(terms), -1));
        }

        /** The output is argument {@code i} itself (broadcast). */
        public Builder identity(int i) {
            return rule(i, new Rule.Identity());
        }

        /** The output is {@code factor} times argument {@code i} (broadcast). */
        public Builder scale(int i, double factor) {
            return rule(i, new Rule.Scale(factor));
        }

        /** The primitive is linear in argument {@code i}; {@code transpose} is its adjoint map. */
        public Builder linear(int i, Rule.Transpose transpose) {
            if (transpose == null) {
                throw new IllegalArgumentException("primitive " + name + ": argument " + i
                        + " is declared linear but has no transpose");
            }
            return rule(i, new Rule.Linear(transpose));
        }

        /** Argument {@code i} receives no derivative (step functions, comparisons, indices). */
        public Builder zero(int i) {
            return rule(i, new Rule.Zero());
        }

        /** Every tensor argument receives no derivative. */
        public Builder zero() {
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                if (types[i] == Tensor.class || types[i] == Tensor[].class) {
                    zero(i);
                }
            }
            return this;
        }

        /** Finishes the declaration. Tensor arguments must all have rules by now. */
        public Primitive done() {
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                if ((types[i] == Tensor.class || types[i] == Tensor[].class) && rules[i] == null) {
                    throw new IllegalStateException("primitive " + name + ": tensor argument " + i + " of "
                            + method + " has no rule; declare one, or zero(" + i + ") if no derivative flows");
                }
            }
            Primitive p = new Primitive(name, method, Arrays.copyOf(rules, rules.length));
            sink.accept(p);
            return p;
        }
    }
}
