package dev.cotangent.weave.fuzz;

import dev.cotangent.weave.fuzz.Expressions.Callee;
import dev.cotangent.weave.fuzz.Scope.Origin;
import dev.cotangent.weave.fuzz.Scope.Type;
import dev.cotangent.weave.fuzz.Scope.Var;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a random, well-formed class from a seed: a {@code @Differentiable public static}
 * entry over {@code double}, {@code double[]}, {@code double[][]} and {@code int} parameters,
 * returning {@code double}, {@code double[]} or {@code double[][]}, and up to three static
 * helpers (private or not, some returning arrays or nothing and writing into the arrays
 * they receive) that call only helpers declared after them, and sometimes one helper that
 * recurses on an int depth. The same seed gives the same program.
 */
final class ProgramGenerator {


    ProgramGenerator() {
    }

    Program generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Program.Param> params = entryParameters(r);
        List<Integer> lengths = params.stream().filter(p -> p.type() == Type.ARRAY).map(Program.Param::len).toList();
        List<Program.Param> matrices = params.stream().filter(p -> p.type() == Type.MATRIX).toList();
        List<Callee> helpers = new ArrayList<>();
        int count = r.nextInt(4);
        for (int i = 0; i < count; i++) {
            helpers.add(helper(r, "h" + i, lengths, matrices));
        }
        if (r.nextInt(4) == 0) {
            List<Var> ps = new ArrayList<>(List.of(Var.real("v", true)));
            if (!lengths.isEmpty() && r.nextBoolean()) {
                ps.add(Var.array("arr", lengths.get(r.nextInt(lengths.size())), Origin.SHARED));
            }
            ps.add(Var.integer("depth", 0, 4, false));
            helpers.add(new Callee("rec", ps, Type.DOUBLE, 0));
        }

        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(Program.PACKAGE).append(";\n\n");
        sb.append("import dev.cotangent.Differentiable;\n\n");
        sb.append("public class Program").append(Long.toUnsignedString(seed)).append(" {\n\n");
        Type result = r.nextInt(10) < 7 ? Type.DOUBLE : r.nextInt(4) > 0 ? Type.ARRAY : Type.MATRIX;
        List<Var> entryVars = new ArrayList<>();
        for (Program.Param p : params) {
            entryVars.add(switch (p.type()) {
                case DOUBLE -> Var.real(p.name(), true);
                case INT -> Var.integer(p.name(), p.value(), p.value(), false);
                case ARRAY -> Var.array(p.name(), p.len(), Origin.SHARED);
                default -> Var.matrix(p.name(), p.len(), p.cols(), Origin.SHARED);
            });
        }
        Statements.Returns returns = new Statements.Returns(result, result == Type.DOUBLE ? 0 : 1 + r.nextInt(3),
                1 + r.nextInt(3));
        sb.append("    @Differentiable\n");
        sb.append("    public static ").append(javaType(result)).append(" f(").append(declaration(entryVars))
                .append(") {\n");
        sb.append(body(r, entryVars, helpers, returns, 4 + r.nextInt(15)));
        sb.append("    }\n");
        for (int i = 0; i < helpers.size(); i++) {
            Callee h = helpers.get(i);
            List<Callee> callable = helpers.subList(i + 1, helpers.size());
            sb.append('\n');
            sb.append("    ").append(r.nextBoolean() ? "private " : "").append("static ").append(javaType(h.result()))
                    .append(' ').append(h.name()).append('(').append(declaration(h.params())).append(") {\n");
            if (h.name().equals("rec")) {
                sb.append(recursion(r, h));
            } else {
                sb.append(body(r, h.params(), callable, new Statements.Returns(h.result(), h.len(), 0),
                        2 + r.nextInt(6)));
            }
            sb.append("    }\n");
        }
        sb.append("}\n");
        return new Program(seed, sb.toString(), "f", params, result);
    }

    private static List<Program.Param> entryParameters(SplittableRandom r) {
        List<Program.Param> params = new ArrayList<>();
        int count = 1 + r.nextInt(4);
        boolean differentiable = false;
        for (int i = 0; i < count || !differentiable; i++) {
            int k = r.nextInt(20);
            if (k < 8) {
                params.add(new Program.Param("x" + i, Type.ARRAY, 1 + r.nextInt(6), 0, 0));
            } else if (k < 14) {
                params.add(new Program.Param("a" + i, Type.DOUBLE, 0, 0, 0));
            } else if (k < 16) {
                params.add(new Program.Param("w" + i, Type.MATRIX, 1 + r.nextInt(3), 1 + r.nextInt(4), 0));
            } else {
                params.add(new Program.Param("n" + i, Type.INT, 0, 0, r.nextInt(5)));
                continue;
            }
            differentiable = true;
        }
        return params;
    }

    private Callee helper(SplittableRandom r, String name, List<Integer> lengths, List<Program.Param> matrices) {
        int k = r.nextInt(20);
        Type result = k < 11 ? Type.DOUBLE : k < 16 ? Type.VOID : Type.ARRAY;
        List<Var> params = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(10);
            if (kind < 4) {
                params.add(Var.real("p" + i, true));
            } else if (kind < 7) {
                int len = !lengths.isEmpty() && r.nextInt(4) > 0 ? lengths.get(r.nextInt(lengths.size()))
                        : 1 + r.nextInt(4);
                params.add(Var.array("q" + i, len, Origin.SHARED));
            } else if (kind < 8 && !matrices.isEmpty()) {
                Program.Param m = matrices.get(r.nextInt(matrices.size()));
                params.add(Var.matrix("g" + i, m.len(), m.cols(), Origin.SHARED));
            } else {
                params.add(Var.integer("j" + i, 0, 3, false));
            }
        }
        return new Callee(name, params, result, result == Type.ARRAY ? 1 + r.nextInt(4) : 0);
    }

    private String body(SplittableRandom r, List<Var> params, List<Callee> callees, Statements.Returns returns,
                        int budget) {
        Scope scope = new Scope();
        params.forEach(scope::add);
        Expressions e = new Expressions(r, scope, callees);
        return new Statements(r, scope, e, returns, budget).body(!callees.isEmpty() && r.nextInt(4) > 0);
    }

    /** A helper that recurses on {@code depth}, down to a base case at 0. */
    private String recursion(SplittableRandom r, Callee h) {
        Scope scope = new Scope();
        h.params().forEach(scope::add);
        Expressions e = new Expressions(r, scope, List.of());
        StringBuilder sb = new StringBuilder();
        sb.append("        if (depth == 0) {\n");
        sb.append("            return ").append(e.real(2)).append(";\n");
        sb.append("        }\n");
        sb.append(new Statements(r, scope, e, new Statements.Returns(Type.DOUBLE, 0, 0), r.nextInt(3)).prefix());
        List<String> args = new ArrayList<>();
        for (Var p : h.params()) {
            args.add(p.type() == Type.DOUBLE ? e.tame(1) : p.type() == Type.INT ? "depth - 1" : p.name());
        }
        sb.append("        double inner = rec(").append(String.join(", ", args)).append(");\n");
        scope.add(Var.real("inner", false));
        sb.append("        return 0.5 * inner + ").append(e.tame(2)).append(";\n");
        return sb.toString();
    }

    private static String declaration(List<Var> params) {
        List<String> out = new ArrayList<>();
        for (Var p : params) {
            out.add(javaType(p.type()) + " " + p.name());
        }
        return String.join(", ", out);
    }

    static String javaType(Type t) {
        return switch (t) {
            case DOUBLE -> "double";
            case INT -> "int";
            case BOOLEAN -> "boolean";
            case ARRAY -> "double[]";
            case MATRIX -> "double[][]";
            case VOID -> "void";
        };
    }
}
