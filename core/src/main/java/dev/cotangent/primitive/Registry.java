package dev.cotangent.primitive;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of every differentiable primitive: tensor operations keyed by their method,
 * and the rank-0 JVM arithmetic and {@code Math}/{@code StrictMath} functions keyed by
 * opcode or method ({@link ScalarPrimitive}). The families are declared in
 * {@link ElementwisePrims}, {@link ReductionPrims}, {@link ShapePrims},
 * {@link ContractionPrims}, {@link LinalgPrims} and {@link ScalarPrims}, one line per
 * primitive.
 *
 * <p>The table is filled once, when this class initialises, and is read-only afterwards.
 *
 * @since 0.1
 */
public final class Registry {

    private static final List<Primitive> TENSOR;
    private static final Map<MethodKey, Primitive> BY_KEY;
    private static final Map<String, Primitive> BY_NAME;
    /** Primitives declared by users ({@link Primitives#define}), added at run time. */
    private static final Map<MethodKey, Primitive> USER_BY_KEY = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Primitive> USER_BY_NAME = new java.util.concurrent.ConcurrentHashMap<>();
    private static final List<ScalarPrimitive> SCALAR;
    private static final Map<MethodKey, ScalarPrimitive> SCALAR_BY_KEY;
    private static final Map<Integer, ScalarPrimitive> SCALAR_BY_OPCODE;

    static {
        Table table = new Table();
        ElementwisePrims.register(table);
        ReductionPrims.register(table);
        ShapePrims.register(table);
        ContractionPrims.register(table);
        LinalgPrims.register(table);
        TangentTerms.register(table);
        TENSOR = List.copyOf(table.primitives);
        Map<MethodKey, Primitive> byKey = new LinkedHashMap<>();
        Map<String, Primitive> byName = new LinkedHashMap<>();
        for (Primitive p : TENSOR) {
            if (byKey.put(p.key(), p) != null) {
                throw new IllegalStateException("two primitives for " + p.key().display());
            }
            if (byName.put(p.name(), p) != null) {
                throw new IllegalStateException("two primitives named " + p.name());
            }
        }
        BY_KEY = Collections.unmodifiableMap(byKey);
        BY_NAME = Collections.unmodifiableMap(byName);

        ScalarPrims.Table scalars = new ScalarPrims.Table();
        ScalarPrims.register(scalars);
        SCALAR = List.copyOf(scalars.primitives);
        Map<MethodKey, ScalarPrimitive> scalarByKey = new LinkedHashMap<>();
        Map<Integer, ScalarPrimitive> scalarByOpcode = new LinkedHashMap<>();
        for (ScalarPrimitive p : SCALAR) {
            if (p.opcode() >= 0) {
                scalarByOpcode.put(p.opcode(), p);
            }
            for (MethodKey k : p.keys()) {
                scalarByKey.put(k, p);
            }
        }
        SCALAR_BY_KEY = Collections.unmodifiableMap(scalarByKey);
        SCALAR_BY_OPCODE = Collections.unmodifiableMap(scalarByOpcode);
    }

    private Registry() {}

    /** Every tensor primitive, in declaration order. */
    public static List<Primitive> tensorPrimitives() {
        return TENSOR;
    }

    /** The tensor primitive a method is (built in or declared by a user), or {@code null}. */
    public static Primitive lookup(MethodKey key) {
        Primitive p = BY_KEY.get(key);
        return p != null ? p : USER_BY_KEY.get(key);
    }

    /** Adds a user's primitive; a method is declared once. */
    static void add(Primitive p) {
        if (BY_KEY.containsKey(p.key())) {
            throw new IllegalArgumentException("primitive " + p.name() + ": " + p.key().display()
                    + " is one of Cotangent's own primitives");
        }
        Primitive sameName = USER_BY_NAME.putIfAbsent(p.name(), p);
        if (sameName != null) {
            throw new IllegalArgumentException("primitive " + p.name() + " is defined already"
                    + (sameName.key().equals(p.key()) ? "" : " as " + sameName.key().display()
                    + "; overloads cannot both be primitives: give " + p.key().display() + " another name"));
        }
        USER_BY_KEY.put(p.key(), p);
    }

    /**
     * The tensor primitive of that name.
     *
     * @throws IllegalArgumentException naming the unknown primitive
     */
    public static Primitive named(String name) {
        Primitive p = BY_NAME.get(name);
        if (p == null) {
            p = USER_BY_NAME.get(name);
        }
        if (p == null) {
            p = initialiseDeclaringClass(name);
        }
        if (p == null) {
            throw new IllegalArgumentException("no primitive named '" + name + "'"
                    + (name.contains(".") ? "; is its Primitives.define(...) run by the time it is called?" : ""));
        }
        return p;
    }

    /**
     * A user primitive is usually declared in its class's static initialiser: code woven ahead
     * of time may ask for it before anything has touched that class.
     */
    private static Primitive initialiseDeclaringClass(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            Class.forName(name.substring(0, dot), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return USER_BY_NAME.get(name);
    }

    /** Every rank-0 primitive, in declaration order. */
    public static List<ScalarPrimitive> scalarPrimitives() {
        return SCALAR;
    }

    /** The rank-0 primitive a static method is (e.g. {@code java/lang/Math.sin(D)D}), or {@code null}. */
    public static ScalarPrimitive scalar(MethodKey key) {
        return SCALAR_BY_KEY.get(key);
    }

    /** The rank-0 primitive of a JVM opcode ({@code DADD}…{@code DNEG}), or {@code null}. */
    public static ScalarPrimitive scalarOpcode(int opcode) {
        return SCALAR_BY_OPCODE.get(opcode);
    }

    /** Collects declarations; the families fill it. */
    static final class Table {
        final List<Primitive> primitives = new ArrayList<>();

        /** A primitive for a public static method, named after the method. */
        Primitive.Builder op(Class<?> owner, String method, Class<?>... parameters) {
            return op(method, owner, method, parameters);
        }

        /** A primitive with its own name (for overloads of one method name). */
        Primitive.Builder op(String name, Class<?> owner, String method, Class<?>... parameters) {
            try {
                Method m = owner.getMethod(method, parameters);
                return new Primitive.Builder(name, m, primitives);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("registry: no method " + owner.getSimpleName() + "." + method, e);
            }
        }

        /** An elementwise function {@code Np.name(x)} with derivative value {@code d(x, y)}. */
        void unary(String name, UnaryD d) {
            op(Np.class, name, Tensor.class).d(0, c -> new Tensor[] {d.of(c.tensor(0), c.y())},
                    ElementwisePrims.ELEMENTWISE).done();
        }

        /** A broadcasting {@code Np.name(a, b)} with derivative values for a and b. */
        void binary(String name, BinaryD da, BinaryD db) {
            op(Np.class, name, Tensor.class, Tensor.class)
                    .d(0, c -> new Tensor[] {da.of(c.tensor(0), c.tensor(1), c.y())}, ElementwisePrims.ELEMENTWISE)
                    .d(1, c -> new Tensor[] {db.of(c.tensor(0), c.tensor(1), c.y())}, ElementwisePrims.ELEMENTWISE)
                    .done();
        }
    }

    /** {@code d(x, y)} of an elementwise function, {@code y} its output. */
    @FunctionalInterface
    interface UnaryD extends java.io.Serializable {
        Tensor of(Tensor x, Tensor y);
    }

    /** {@code d(a, b, y)} of a broadcasting binary function, {@code y} its output. */
    @FunctionalInterface
    interface BinaryD extends java.io.Serializable {
        Tensor of(Tensor a, Tensor b, Tensor y);
    }
}
