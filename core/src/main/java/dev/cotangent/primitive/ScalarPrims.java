package dev.cotangent.primitive;

import dev.cotangent.primitive.ScalarRule.D1;
import dev.cotangent.primitive.ScalarRule.D2;
import dev.cotangent.primitive.ScalarRule.D3;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rank-0 primitives: the JVM's double arithmetic and the differentiable functions of
 * {@code Math} and {@code StrictMath}, one line each: name, then one derivative value per
 * argument as a lambda of the arguments and the result {@code y}.
 *
 * <p>The weaver copies each lambda's bytecode into the user's class, so a body may use only
 * its parameters, literals and public methods (a test enforces it): no private helpers,
 * no fields.
 */
final class ScalarPrims {

    static final int DADD = 99;
    static final int DSUB = 103;
    static final int DMUL = 107;
    static final int DDIV = 111;
    static final int DREM = 115;
    static final int DNEG = 119;

    private ScalarPrims() {}

    static void register(Table t) {
        // ---- opcodes
        t.opcode("dadd", DADD, 2).identity().identity();
        t.opcode("dsub", DSUB, 2).identity().negate();
        t.opcode("dmul", DMUL, 2).d((D2) (a, b, y) -> b).d((D2) (a, b, y) -> a);
        t.opcode("ddiv", DDIV, 2).d((D2) (a, b, y) -> 1.0 / b).d((D2) (a, b, y) -> -y / b);
        t.opcode("drem", DREM, 2).identity().d((D2) (a, b, y) -> a / b < 0 ? -Math.ceil(a / b) : -Math.floor(a / b));
        t.opcode("dneg", DNEG, 1).negate();

        // ---- Math and StrictMath, (D)D
        t.math("sin").d((D1) (x, y) -> Math.cos(x));
        t.math("cos").d((D1) (x, y) -> -Math.sin(x));
        t.math("tan").d((D1) (x, y) -> 1.0 + y * y);
        // (1 − x)(1 + x), not 1 − x²: near ±1, 1 − x² cancels and keeps half the digits.
        t.math("asin").d((D1) (x, y) -> 1.0 / Math.sqrt((1.0 - x) * (1.0 + x)));
        t.math("acos").d((D1) (x, y) -> -1.0 / Math.sqrt((1.0 - x) * (1.0 + x)));
        t.math("atan").d((D1) (x, y) -> 1.0 / (1.0 + x * x));
        t.math("sinh").d((D1) (x, y) -> Math.cosh(x));
        t.math("cosh").d((D1) (x, y) -> Math.sinh(x));
        t.math("tanh").d((D1) (x, y) -> 1.0 - y * y);
        t.math("exp").d((D1) (x, y) -> y);
        t.math("expm1").d((D1) (x, y) -> y + 1.0);
        t.math("log").d((D1) (x, y) -> 1.0 / x);
        t.math("log10").d((D1) (x, y) -> 0.4342944819032518 / x);   // 1 / ln 10; x·ln 10 would overflow
        t.math("log1p").d((D1) (x, y) -> 1.0 / (1.0 + x));
        t.math("sqrt").d((D1) (x, y) -> 0.5 / y);
        t.math("cbrt").d((D1) (x, y) -> 1.0 / (3.0 * y * y));
        t.math("abs").d((D1) (x, y) -> Math.signum(x));   // 0 at 0, the midpoint of ±1 (JAX: 1); docs/edge-points.md
        t.math("toRadians").d((D1) (x, y) -> 0.017453292519943295);   // π / 180
        t.math("toDegrees").d((D1) (x, y) -> 57.29577951308232);      // 180 / π
        t.math("signum").zero();
        t.math("floor").zero();
        t.math("ceil").zero();
        t.math("rint").zero();

        // ---- Math and StrictMath, (DD)D
        // NaN at the origin only, where atan2 is not even continuous (as JAX).
        t.math2("atan2").d((D2) (y, x, r) -> x / (x * x + y * y)).d((D2) (y, x, r) -> -y / (x * x + y * y));
        // a/y, and 0 at the origin (a cone point; see docs/edge-points.md) rather than 0/0:
        // y ≥ MIN_VALUE whenever y > 0, so the max changes nothing else, without a branch.
        t.math2("hypot").d((D2) (a, b, y) -> a / Math.max(y, Double.MIN_VALUE))
                .d((D2) (a, b, y) -> b / Math.max(y, Double.MIN_VALUE));
        // b·aᵇ⁻¹, but 0 for b = 0, where aᵇ is the constant 1 and 0·a⁻¹ would be NaN at a = 0
        // (Σ cₖ·pow(x, k) from k = 0). A branch: b is nearly always one constant per call site.
        // For the exponent, aᵇ·ln a with ln replaced by 0 at a = 0, as JAX: aᵇ = 0 for all b > 0.
        t.math2("pow").d((D2) (a, b, y) -> b == 0.0 ? 0.0 : b * Math.pow(a, b - 1.0))
                .d((D2) (a, b, y) -> y * Math.log(a == 0.0 ? 1.0 : a));
        // 1 for the larger (smaller) argument, 0 for the other, 0.5 each at a tie, without a
        // branch: a max over data (a payoff) would mispredict half the time. NaN when a − b is
        // (a NaN argument, or equal infinities).
        t.math2("max").d((D2) (a, b, y) -> 0.5 + 0.5 * Math.signum(a - b))
                .d((D2) (a, b, y) -> 0.5 - 0.5 * Math.signum(a - b));
        t.math2("min").d((D2) (a, b, y) -> 0.5 - 0.5 * Math.signum(a - b))
                .d((D2) (a, b, y) -> 0.5 + 0.5 * Math.signum(a - b));
        t.math2("IEEEremainder").identity().d((D2) (a, b, y) -> -Math.rint(a / b));
        t.math2("copySign").d((D2) (m, s, y) -> m == 0.0 ? 0.0 : y / m).zero();

        // ---- Math and StrictMath, (DDD)D
        t.method("fma", "(DDD)D", Math.class, StrictMath.class)
                .d((D3) (a, b, c, y) -> b).d((D3) (a, b, c, y) -> a).identity();

        // ---- results that are not doubles: an active argument may flow in, no derivative flows out
        t.method("round", "(D)J", Math.class, StrictMath.class).integer().zero();
        t.method("getExponent", "(D)I", Math.class, StrictMath.class).integer().zero();
        t.method("isNaN", "(D)Z", Double.class).integer().zero();
        t.method("isInfinite", "(D)Z", Double.class).integer().zero();
        t.method("isFinite", "(D)Z", Double.class).integer().zero();
        t.method("compare", "(DD)I", Double.class).integer().zero().zero();
    }

    /** Collects scalar declarations. */
    static final class Table {
        final List<ScalarPrimitive> primitives = new ArrayList<>();

        Entry opcode(String name, int opcode, int arity) {
            MethodHandle kernel = switch (opcode) {
                case DADD -> handle("add");
                case DSUB -> handle("subtract");
                case DMUL -> handle("multiply");
                case DDIV -> handle("divide");
                case DREM -> handle("remainder");
                case DNEG -> handle("negate");
                default -> throw new IllegalArgumentException("not a double opcode: " + opcode);
            };
            return new Entry(name, opcode, List.of(), kernel, arity);
        }

        /** {@code Math.name(D)D} and {@code StrictMath.name(D)D}. */
        Entry math(String name) {
            return method(name, "(D)D", Math.class, StrictMath.class);
        }

        /** {@code Math.name(DD)D} and {@code StrictMath.name(DD)D}. */
        Entry math2(String name) {
            return method(name, "(DD)D", Math.class, StrictMath.class);
        }

        Entry method(String name, String descriptor, Class<?>... owners) {
            List<MethodKey> keys = new ArrayList<>();
            MethodHandle kernel = null;
            MethodType type = MethodType.fromMethodDescriptorString(descriptor, ScalarPrims.class.getClassLoader());
            for (Class<?> owner : owners) {
                try {
                    MethodHandle h = MethodHandles.publicLookup().findStatic(owner, name, type);
                    kernel = kernel == null ? h : kernel;
                    keys.add(new MethodKey(owner.getName().replace('.', '/'), name, descriptor));
                } catch (NoSuchMethodException | IllegalAccessException e) {
                    // StrictMath lacks a few of Math's functions on some JDKs: register what exists.
                }
            }
            if (kernel == null) {
                throw new IllegalStateException("no " + name + descriptor + " in " + Arrays.toString(owners));
            }
            String display = owners[0].getSimpleName() + "." + name;
            return new Entry(display, -1, keys, kernel, type.parameterCount());
        }

        private static MethodHandle handle(String name) {
            try {
                int arity = name.equals("negate") ? 1 : 2;
                MethodType type = arity == 1 ? MethodType.methodType(double.class, double.class)
                        : MethodType.methodType(double.class, double.class, double.class);
                return MethodHandles.lookup().findStatic(Arithmetic.class, name, type);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** One primitive being declared; it is added to the table when its last rule is given. */
        final class Entry {
            private final String name;
            private final int opcode;
            private final List<MethodKey> keys;
            private final MethodHandle kernel;
            private final int arity;
            private final List<ScalarRule> rules = new ArrayList<>();
            private boolean integer;

            Entry(String name, int opcode, List<MethodKey> keys, MethodHandle kernel, int arity) {
                this.name = name;
                this.opcode = opcode;
                this.keys = keys;
                this.kernel = kernel;
                this.arity = arity;
            }

            Entry integer() {
                integer = true;
                return this;
            }

            Entry identity() {
                return add(new ScalarRule.Identity());
            }

            Entry negate() {
                return add(new ScalarRule.Negate());
            }

            Entry zero() {
                return add(new ScalarRule.Zero());
            }

            Entry d(ScalarRule.Value value) {
                return add(new ScalarRule.Derivative(value));
            }

            private Entry add(ScalarRule rule) {
                rules.add(rule);
                if (rules.size() == arity) {
                    primitives.add(new ScalarPrimitive(name, opcode, List.copyOf(keys), kernel, List.copyOf(rules),
                            integer));
                } else if (rules.size() > arity) {
                    throw new IllegalStateException(name + " takes " + arity + " arguments, got more rules");
                }
                return this;
            }
        }
    }

    /** The JVM's double opcodes as methods, so that tests can evaluate them like the rest. */
    static final class Arithmetic {
        private Arithmetic() {}

        static double add(double a, double b) {
            return a + b;
        }

        static double subtract(double a, double b) {
            return a - b;
        }

        static double multiply(double a, double b) {
            return a * b;
        }

        static double divide(double a, double b) {
            return a / b;
        }

        static double remainder(double a, double b) {
            return a % b;
        }

        static double negate(double a) {
            return -a;
        }
    }
}
