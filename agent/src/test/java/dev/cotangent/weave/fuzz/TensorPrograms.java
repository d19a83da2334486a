package dev.cotangent.weave.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random tensor programs: {@code static Tensor f(Tensor x, Tensor w, Tensor b)} with
 * {@code x} of shape (m, n), {@code w} (n, n) and {@code b} (n,), built from a seed out of
 * elementwise functions, broadcasting arithmetic, matrix products, reductions, transposes,
 * loops, branches on an int, {@code Tensor[]} arrays, stacking and splitting, scalar bridges
 * ({@code item()}, {@code Tensor.scalar}) and calls to helpers. Every function used is smooth
 * everywhere, so any point is a fair test point.
 *
 * <p>Shapes are tracked by kind: {@code M} (m, n), {@code S} (n, n), {@code V} (n,) and
 * {@code R} (m,); every statement keeps each variable's kind. Variables declared inside a
 * loop or branch stay there; those outside may be reassigned inside.
 */
final class TensorPrograms {

    /** The shape kinds of the variables. */
    enum Kind { M, S, V, R }

    private record Var(String name, Kind kind) {}

    private final SplittableRandom r;
    private final List<Var> vars = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private final List<String> helpers = new ArrayList<>();
    private int fresh;

    private TensorPrograms(long seed) {
        this.r = new SplittableRandom(seed * 0x5DEECE66DL + 11);
    }

    /** The source of the class {@code fuzzed.TensorProgram<seed>}. */
    static String source(long seed) {
        return new TensorPrograms(seed).build(seed);
    }

    static String className(long seed) {
        return Program.PACKAGE + ".TensorProgram" + Long.toUnsignedString(seed);
    }

    private String build(long seed) {
        vars.add(new Var("x", Kind.M));
        vars.add(new Var("w", Kind.S));
        vars.add(new Var("b", Kind.V));
        body.append("        Tensor rows = Np.sum(x, 1, false);\n");
        vars.add(new Var("rows", Kind.R));
        int statements = 4 + r.nextInt(8);
        for (int i = 0; i < statements; i++) {
            statement("        ");
        }
        Var out = pick(Kind.values()[r.nextInt(4)]);
        String result = out == null ? "x" : out.name();
        if (r.nextBoolean()) {
            // Mix in a reduction of everything so that all inputs matter.
            result = "Np.add(" + result + ", Np.multiply(Tensor.scalar(0.1), Np.sum(" + pickAny().name() + ")))";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(Program.PACKAGE).append(";\n\n");
        sb.append("import dev.cotangent.Differentiable;\n");
        sb.append("import dev.cotangent.tensor.Np;\n");
        sb.append("import dev.cotangent.tensor.Tensor;\n\n");
        sb.append("public class TensorProgram").append(Long.toUnsignedString(seed)).append(" {\n\n");
        sb.append("    @Differentiable\n");
        sb.append("    public static Tensor f(Tensor x, Tensor w, Tensor b, int k) {\n");
        sb.append(body);
        sb.append("        return ").append(result).append(";\n");
        sb.append("    }\n");
        helpers.forEach(sb::append);
        sb.append("}\n");
        return sb.toString();
    }

    private void statement(String indent) {
        int kind = r.nextInt(12);
        switch (kind) {
            case 0, 1 -> assign(indent, unary(pickAny()));
            case 2, 3 -> binary(indent);
            case 4 -> product(indent);
            case 5 -> reduction(indent);
            case 6 -> loop(indent);
            case 7 -> branch(indent);
            case 8 -> arrays(indent);
            case 9 -> bridge(indent);
            case 10 -> helperCall(indent);
            default -> transpose(indent);
        }
    }

    /** A smooth elementwise function of {@code v}, keeping its kind. */
    private Expr unary(Var v) {
        String a = v.name();
        String e = switch (r.nextInt(9)) {
            case 0 -> "Np.tanh(" + a + ")";
            case 1 -> "Np.sin(" + a + ")";
            case 2 -> "Np.cos(" + a + ")";
            case 3 -> "Np.exp(Np.multiply(Tensor.scalar(0.3), " + a + "))";
            case 4 -> "Np.square(" + a + ")";
            case 5 -> "Np.sigmoid(" + a + ")";
            case 6 -> "Np.log1p(Np.square(" + a + "))";
            case 7 -> "Np.sqrt(Np.add(Np.square(" + a + "), Tensor.scalar(1.0)))";
            default -> "Np.arctan(" + a + ")";
        };
        return new Expr(e, v.kind());
    }

    private record Expr(String text, Kind kind) {}

    private void binary(String indent) {
        Var a = pickAny();
        // A partner of the same kind, or one that broadcasts against it.
        Var b = switch (a.kind()) {
            case M -> r.nextBoolean() ? pick(Kind.V) : pick(Kind.M);
            case S -> r.nextBoolean() ? pick(Kind.V) : pick(Kind.S);
            default -> pick(a.kind());
        };
        String e = switch (r.nextInt(4)) {
            case 0 -> "Np.add(" + a.name() + ", " + b.name() + ")";
            case 1 -> "Np.subtract(" + a.name() + ", " + b.name() + ")";
            case 2 -> "Np.multiply(" + a.name() + ", " + b.name() + ")";
            default -> "Np.divide(" + a.name() + ", Np.add(Tensor.scalar(1.5), Np.square(" + b.name() + ")))";
        };
        assign(indent, new Expr(e, a.kind()));
    }

    private void product(String indent) {
        switch (r.nextInt(4)) {
            case 0 -> assign(indent, new Expr("Np.matmul(" + pick(Kind.M).name() + ", " + pick(Kind.S).name() + ")", Kind.M));
            case 1 -> assign(indent, new Expr("Np.dot(" + pick(Kind.S).name() + ", " + pick(Kind.V).name() + ")", Kind.V));
            case 2 -> assign(indent, new Expr("Np.matmul(" + pick(Kind.M).name() + ", " + pick(Kind.V).name() + ")", Kind.R));
            default -> assign(indent, new Expr("Np.einsum(\"ij,jk->ik\", " + pick(Kind.S).name() + ", "
                    + pick(Kind.S).name() + ")", Kind.S));
        }
    }

    private void reduction(String indent) {
        Var m = pick(Kind.M);
        switch (r.nextInt(4)) {
            case 0 -> assign(indent, new Expr("Np.sum(" + m.name() + ", 0, false)", Kind.V));
            case 1 -> assign(indent, new Expr("Np.mean(" + m.name() + ", 1, false)", Kind.R));
            case 2 -> assign(indent, new Expr("Np.logsumexp(" + m.name() + ", 1)", Kind.R));
            default -> assign(indent, new Expr("Np.softmax(" + m.name() + ", 1)", Kind.M));
        }
    }

    private void transpose(String indent) {
        Var s = pick(Kind.S);
        assign(indent, new Expr(r.nextBoolean() ? "Np.transpose(" + s.name() + ")"
                : "Np.reshape(Np.reshape(" + s.name() + ", -1), " + s.name() + ".shape())", Kind.S));
    }

    /** {@code h ← tanh(h·w + b)} a data-independent number of times, {@code k} among them. */
    private void loop(String indent) {
        Var h = pick(Kind.M);
        String i = "i" + fresh++;
        String bound = r.nextBoolean() ? "k" : String.valueOf(1 + r.nextInt(3));
        body.append(indent).append("for (int ").append(i).append(" = 0; ").append(i).append(" < ").append(bound)
                .append("; ").append(i).append("++) {\n");
        body.append(indent).append("    ").append(h.name()).append(" = Np.tanh(Np.add(Np.matmul(").append(h.name())
                .append(", ").append(pick(Kind.S).name()).append("), ").append(pick(Kind.V).name()).append("));\n");
        body.append(indent).append("}\n");
    }

    private void branch(String indent) {
        body.append(indent).append("if (k % 2 == ").append(r.nextInt(2)).append(") {\n");
        statement(indent + "    ");
        body.append(indent).append("} else {\n");
        statement(indent + "    ");
        body.append(indent).append("}\n");
    }

    /** A {@code Tensor[]} written and read, or stacked and split. */
    private void arrays(String indent) {
        Var a = pickAny();
        Var b = pick(a.kind());
        String p = "parts" + fresh++;
        if (r.nextBoolean()) {
            body.append(indent).append("Tensor[] ").append(p).append(" = new Tensor[] {").append(a.name()).append(", ")
                    .append(b.name()).append("};\n");
            body.append(indent).append(p).append("[1] = ").append(unary(new Var(p + "[0]", a.kind())).text()).append(";\n");
            assign(indent, new Expr("Np.multiply(" + p + "[0], " + p + "[1])", a.kind()));
        } else {
            body.append(indent).append("Tensor[] ").append(p).append(" = Np.split(Np.stack(new Tensor[] {").append(a.name())
                    .append(", ").append(b.name()).append("}, 0), 2, 0);\n");
            assign(indent, new Expr("Np.subtract(Np.squeeze(" + p + "[0], 0), Np.sin(Np.squeeze(" + p + "[1], 0)))",
                    a.kind()));
        }
    }

    /** Through a double and back: {@code item()}, {@code Math}, {@code Tensor.scalar}. */
    private void bridge(String indent) {
        Var a = pickAny();
        String s = "s" + fresh++;
        body.append(indent).append("double ").append(s).append(" = Math.sin(Np.sum(").append(pickAny().name())
                .append(").item()) + 0.5 * Np.mean(").append(a.name()).append(").item();\n");
        assign(indent, new Expr("Np.multiply(" + a.name() + ", Tensor.scalar(" + s + "))", a.kind()));
    }

    private void helperCall(String indent) {
        Var a = pickAny();
        Var w = pick(Kind.S);
        String name = "helper" + helpers.size();
        String sig = a.kind() == Kind.M ? "Np.tanh(Np.matmul(p, q))" : a.kind() == Kind.R ? "Np.sin(p)"
                : a.kind() == Kind.S ? "Np.matmul(Np.transpose(q), Np.cos(p))" : "Np.dot(q, Np.tanh(p))";
        helpers.add("\n    " + (r.nextBoolean() ? "private " : "") + "static Tensor " + name
                + "(Tensor p, Tensor q) {\n        return Np.add(" + sig + ", Np.multiply(Tensor.scalar(0.5), p));\n    }\n");
        assign(indent, new Expr(name + "(" + a.name() + ", " + w.name() + ")", a.kind()));
    }

    /** Assigns to an existing variable of the kind, or declares a new one. */
    private void assign(String indent, Expr e) {
        Var target = r.nextInt(3) == 0 ? pick(e.kind()) : null;
        if (target != null && !target.name().equals("x") && !target.name().equals("w") && !target.name().equals("b")) {
            body.append(indent).append(target.name()).append(" = ").append(e.text()).append(";\n");
            return;
        }
        String name = "t" + fresh++;
        body.append(indent).append("Tensor ").append(name).append(" = ").append(e.text()).append(";\n");
        if (indent.length() == 8) {
            vars.add(new Var(name, e.kind()));
        }
    }

    private Var pickAny() {
        return vars.get(r.nextInt(vars.size()));
    }

    /** A variable of {@code kind} (x, w, b and rows are there from the start). */
    private Var pick(Kind kind) {
        List<Var> of = new ArrayList<>();
        for (Var v : vars) {
            if (v.kind() == kind) {
                of.add(v);
            }
        }
        return of.get(r.nextInt(of.size()));
    }
}
