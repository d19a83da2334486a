package dev.cotangent.weave.fuzz;

import dev.cotangent.weave.fuzz.Scope.Type;
import dev.cotangent.weave.fuzz.Scope.Var;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random expressions over the variables of a {@link Scope}: doubles kept of moderate size and
 * smooth (safe denominators, logarithms and roots of values bounded away from zero, Math
 * functions whose arguments are squashed first), in-bounds indices, int expressions with a
 * known range, conditions, and calls to the helpers the current method may call.
 */
final class Expressions {

    /** A method the current method may call; an array result has {@code len} elements. */
    record Callee(String name, List<Var> params, Type result, int len) {}

    /** An int expression whose value lies in {@code [lo, hi]}. */
    record IntExpr(String text, int lo, int hi) {}

    private static final double[] CONSTANTS = {0.25, 0.5, 0.7, 1.3, -0.4, -0.9, 2.0, 0.1};
    private static final double[] POWERS = {0.5, 1.5, 2.0, 3.0, -0.5, -1.5};

    private final SplittableRandom r;
    private final Scope scope;
    private final List<Callee> callees;
    private final Set<String> called = new HashSet<>();

    Expressions(SplittableRandom r, Scope scope, List<Callee> callees) {
        this.r = r;
        this.scope = scope;
        this.callees = callees;
    }


    // ---------------------------------------------------------------- doubles

    /** A double expression of nesting at most {@code depth}. */
    String real(int depth) {
        if (depth <= 0 || r.nextInt(4) == 0) {
            return leaf();
        }
        int d = depth - 1;
        switch (r.nextInt(13)) {
            case 0, 1, 2:
                return "(" + real(d) + " " + "+-*".charAt(r.nextInt(3)) + " " + real(d) + ")";
            case 3:
                return "(" + real(d) + " / " + denominator(d) + ")";
            case 4, 5, 6:
                return unary(d);
            case 7:
                return "(-" + real(d) + ")";
            case 8:
                return (r.nextBoolean() ? "Math.max(" : "Math.min(") + real(d) + ", " + real(d) + ")";
            case 9:
                return "Math.abs(" + real(d) + ")";
            case 10:
                return "(" + condition(d) + " ? " + real(d) + " : " + real(d) + ")";
            case 11: {
                String call = call(Type.DOUBLE, d);
                return call != null ? call : leaf();
            }
            default:
                return "(" + constant() + " * " + real(d) + ")";
        }
    }

    /** A double expression squashed into about [−1.6, 1.6], for values carried across iterations. */
    String tame(int depth) {
        String e = real(depth);
        return switch (r.nextInt(4)) {
            case 0 -> "Math.tanh(" + e + ")";
            case 1 -> "Math.sin(" + e + ")";
            case 2 -> "Math.atan(" + e + ")";
            default -> {
                String l = leaf();
                yield "(" + l + " / (1.0 + " + l + " * " + l + "))";
            }
        };
    }

    private String denominator(int d) {
        return switch (r.nextInt(4)) {
            case 0 -> {
                String l = leaf();
                yield "(1.0 + " + l + " * " + l + ")";
            }
            case 1 -> "(2.0 + Math.sin(" + real(d) + "))";
            case 2 -> "(1.5 + Math.tanh(" + real(d) + "))";
            default -> "(2.5 - Math.cos(" + real(d) + "))";
        };
    }

    private String unary(int d) {
        String e = real(d);
        String l = leaf();
        return switch (r.nextInt(21)) {
            case 0 -> "Math.sin(" + e + ")";
            case 1 -> "Math.cos(" + e + ")";
            case 2 -> "Math.tanh(" + e + ")";
            case 3 -> "Math.atan(" + e + ")";
            case 4 -> "Math.exp(0.5 * Math.tanh(" + e + "))";
            case 5 -> "Math.exp(-(" + l + " * " + l + "))";
            case 6 -> "Math.sqrt(1.0 + " + l + " * " + l + ")";
            case 7 -> "Math.log(1.0 + " + l + " * " + l + ")";
            case 8 -> "Math.log(2.0 + Math.sin(" + e + "))";
            case 9 -> "Math.pow(1.5 + Math.sin(" + e + "), " + POWERS[r.nextInt(POWERS.length)] + ")";
            case 10 -> "Math.pow(" + l + ", " + (2 + r.nextInt(2)) + ")";
            case 11 -> "Math.pow(1.5 + Math.sin(" + e + "), 0.5 + 0.25 * Math.tanh(" + real(d) + "))";
            case 12 -> "Math.hypot(" + e + ", 0.75)";
            case 13 -> "Math.atan2(" + e + ", 2.0 + Math.cos(" + real(d) + "))";
            case 14 -> "Math.expm1(0.5 * Math.tanh(" + e + "))";
            case 15 -> "Math.log1p(" + l + " * " + l + ")";
            case 16 -> "Math.cbrt(1.5 + Math.sin(" + e + "))";
            case 17 -> "Math.fma(" + e + ", " + l + ", " + real(d) + ")";
            case 18 -> "StrictMath.sin(" + e + ")";
            case 19 -> "StrictMath.exp(0.5 * StrictMath.tanh(" + e + "))";
            default -> (r.nextBoolean() ? "Math.sinh" : "Math.cosh") + "(0.5 * Math.tanh(" + e + "))";
        };
    }

    /** A variable, an element, a constant or a scaled int: always of type double. */
    String leaf() {
        for (int tries = 0; tries < 4; tries++) {
            switch (r.nextInt(8)) {
                case 0, 1, 2: {
                    Var v = scope.pick(r, x -> x.type() == Type.DOUBLE);
                    if (v != null) {
                        return v.name();
                    }
                    break;
                }
                case 3, 4: {
                    Var a = scope.pick(r, x -> x.type() == Type.ARRAY);
                    if (a != null && a.writableArray() && r.nextInt(8) == 0) {
                        Var b = scope.pick(r, x -> x.writableArray() && x.len() == a.len());
                        return "(" + condition(0) + " ? " + a.name() + " : " + b.name() + ")["
                                + index(a.name(), a.len()) + "]";
                    }
                    if (a != null) {
                        return element(a);
                    }
                    break;
                }
                case 5: {
                    Var m = scope.pick(r, x -> x.type() == Type.MATRIX);
                    if (m != null) {
                        return m.name() + "[" + index(m.name(), m.len()) + "][" + index(m.name() + "[0]", m.cols())
                                + "]";
                    }
                    break;
                }
                case 6: {
                    Var k = scope.pick(r, x -> x.type() == Type.INT);
                    if (k != null) {
                        return "(" + constant() + " * " + k.name() + ")";
                    }
                    break;
                }
                default:
                    return constant();
            }
        }
        return constant();
    }

    String constant() {
        double c = CONSTANTS[r.nextInt(CONSTANTS.length)];
        return c < 0 ? "(" + c + ")" : Double.toString(c);
    }

    String element(Var array) {
        return array.name() + "[" + index(array.name(), array.len()) + "]";
    }

    // ---------------------------------------------------------------- ints and indices

    /** An index into {@code array} (its source text), which has exactly {@code len} elements. */
    String index(String array, int len) {
        List<String> ok = new ArrayList<>();
        ok.add(Integer.toString(r.nextInt(len)));
        for (Var k : scope.of(Type.INT)) {
            if (k.hi() < len) {
                ok.add(k.name());
                ok.add(k.name());
                ok.add(array + ".length - 1 - " + k.name());
            } else {
                ok.add(k.name() + " % " + array + ".length");
            }
            if (k.hi() + 1 < len) {
                ok.add(k.name() + " + 1");
            }
            ok.add("(" + k.name() + " * 2 + 1) % " + array + ".length");
        }
        return ok.get(r.nextInt(ok.size()));
    }

    /** An int expression with values in [0, max]. */
    IntExpr integer(int max) {
        List<IntExpr> ok = new ArrayList<>();
        int c = r.nextInt(max + 1);
        ok.add(new IntExpr(Integer.toString(c), c, c));
        for (Var k : scope.of(Type.INT)) {
            if (k.hi() <= max) {
                ok.add(new IntExpr(k.name(), k.lo(), k.hi()));
            }
            int m = 1 + r.nextInt(max + 1);
            ok.add(new IntExpr(k.name() + " % " + m, 0, Math.min(k.hi(), m - 1)));
            if (k.hi() + 1 <= max) {
                ok.add(new IntExpr("(" + k.name() + " + 1)", k.lo() + 1, k.hi() + 1));
            }
        }
        for (Var a : scope.all(v -> v.type() == Type.ARRAY || v.type() == Type.MATRIX)) {
            if (a.len() <= max) {
                ok.add(new IntExpr(a.name() + ".length", a.len(), a.len()));
            }
        }
        return ok.get(r.nextInt(ok.size()));
    }

    // ---------------------------------------------------------------- conditions

    /** A boolean expression: double comparisons (probed), int tests, and their combinations. */
    String condition(int depth) {
        switch (r.nextInt(depth > 0 ? 7 : 5)) {
            case 0, 1:
                return "(" + real(Math.min(depth, 1)) + " > " + constant() + ")";
            case 2:
                return "(" + real(Math.min(depth, 1)) + " < " + real(Math.min(depth, 1)) + ")";
            case 3: {
                Var b = scope.pick(r, x -> x.type() == Type.BOOLEAN);
                if (b != null) {
                    return b.name();
                }
                return intTest();
            }
            case 4:
                return intTest();
            case 5:
                return "(" + condition(depth - 1) + (r.nextBoolean() ? " && " : " || ") + condition(depth - 1) + ")";
            default:
                return "!" + condition(depth - 1);
        }
    }

    private String intTest() {
        Var k = scope.pick(r, x -> x.type() == Type.INT);
        if (k == null) {
            return "(" + leaf() + " > " + constant() + ")";
        }
        return switch (r.nextInt(4)) {
            case 0 -> "(" + k.name() + " % 2 == 0)";
            case 1 -> "(" + k.name() + " < " + (k.lo() + r.nextInt(k.hi() - k.lo() + 2)) + ")";
            case 2 -> "(" + k.name() + " > " + (k.lo() + r.nextInt(k.hi() - k.lo() + 1)) + ")";
            default -> {
                Var j = scope.pick(r, x -> x.type() == Type.INT);
                yield "(" + k.name() + " == " + j.name() + ")";
            }
        };
    }

    // ---------------------------------------------------------------- calls

    /** A call of a callee returning {@code result}, or null if there is none or its array arguments are missing. */
    String call(Type result, int depth) {
        List<Callee> fit = callees.stream().filter(c -> c.result() == result).toList();
        if (fit.isEmpty()) {
            return null;
        }
        return call(fit.get(r.nextInt(fit.size())), depth);
    }

    /** A call of {@code c}, or null if no variable fits one of its array parameters. */
    String call(Callee c, int depth) {
        List<String> args = new ArrayList<>();
        for (Var p : c.params()) {
            switch (p.type()) {
                case DOUBLE -> {
                    args.add(real(depth));
                }
                case INT -> args.add(integer(p.hi()).text());
                case ARRAY, MATRIX -> {
                    Var a = scope.pick(r, v -> v.type() == p.type() && v.len() == p.len() && v.cols() == p.cols());
                    Var m = p.type() == Type.ARRAY ? scope.pick(r, v -> v.type() == Type.MATRIX && v.cols() == p.len())
                            : null;
                    if (m != null && (a == null || r.nextInt(3) == 0)) {
                        args.add(m.name() + "[" + index(m.name(), m.len()) + "]");
                    } else if (a != null) {
                        args.add(a.name());
                    } else {
                        return null;
                    }
                }
                default -> throw new IllegalStateException(p.toString());
            }
        }
        called.add(c.name());
        return c.name() + "(" + String.join(", ", args) + ")";
    }

    List<Callee> callees() {
        return callees;
    }

    /** The callees no call has been generated for yet. */
    List<Callee> uncalled() {
        return callees.stream().filter(c -> !called.contains(c.name())).toList();
    }
}
