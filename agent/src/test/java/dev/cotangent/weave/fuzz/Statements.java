package dev.cotangent.weave.fuzz;

import dev.cotangent.weave.fuzz.Expressions.IntExpr;
import dev.cotangent.weave.fuzz.Scope.Origin;
import dev.cotangent.weave.fuzz.Scope.Type;
import dev.cotangent.weave.fuzz.Scope.Var;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random statements of one method body: declarations, updates of doubles and of array
 * elements, if/else, switch, for, for-each, while and do-while loops with break and continue
 * (labelled too), early returns, and calls. Every loop is bounded (counters advance before
 * any {@code continue}), every index is in bounds, and values carried around loops are
 * squashed or damped so that they stay small.
 */
final class Statements {

    /** What the body returns: {@code result} with {@code len} elements (rows) of {@code cols}. */
    record Returns(Type result, int len, int cols) {}

    private static final int MAX_DEPTH = 3;
    private static final int MAX_LOOPS = 2;

    private final SplittableRandom r;
    private final Scope scope;
    private final Expressions e;
    private final Returns returns;
    private final StringBuilder out = new StringBuilder();
    private final List<String> labels = new ArrayList<>();
    private int budget;
    private int loops;
    private int indent = 2;

    Statements(SplittableRandom r, Scope scope, Expressions e, Returns returns, int budget) {
        this.r = r;
        this.scope = scope;
        this.e = e;
        this.returns = returns;
        this.budget = budget;
    }

    /** The whole body, ending with a return; with {@code callAll}, every callee is called at least once. */
    String body(boolean callAll) {
        while (budget > 0) {
            statement(0);
        }
        if (callAll) {
            e.uncalled().forEach(this::callNow);
        }
        finalReturn();
        return out.toString();
    }

    /** A call of {@code c} whose result is kept, after declaring arrays for the parameters nothing fits. */
    private void callNow(Expressions.Callee c) {
        for (Var p : c.params()) {
            boolean fits = !scope.all(v -> v.type() == p.type() && v.len() == p.len()
                    && v.cols() == p.cols()).isEmpty();
            if (fits || p.type() != Type.ARRAY && p.type() != Type.MATRIX) {
                continue;
            }
            if (p.type() == Type.ARRAY) {
                String name = scope.fresh("t");
                line("double[] " + name + " = " + initializer(p.len()) + ";");
                scope.add(Var.array(name, p.len(), Origin.FRESH));
            } else {
                String name = scope.fresh("m");
                line("double[][] " + name + " = new double[" + p.len() + "][" + p.cols() + "];");
                scope.add(Var.matrix(name, p.len(), p.cols(), Origin.FRESH));
            }
        }
        String call = e.call(c, 1);
        switch (c.result()) {
            case DOUBLE -> line("double " + scope.add(Var.real(scope.fresh("d"), true)).name() + " = " + call + ";");
            case ARRAY -> {
                String name = scope.fresh("t");
                line("double[] " + name + " = " + call + ";");
                scope.add(Var.array(name, c.len(), Origin.ALIAS));
            }
            default -> line(call + ";");
        }
    }

    /** Statements only, without a return: the part of a body before a fixed ending. */
    String prefix() {
        while (budget > 0) {
            statement(0);
        }
        return out.toString();
    }

    private void line(String s) {
        out.append("    ".repeat(indent)).append(s).append('\n');
    }

    private void block(int depth, int size) {
        scope.push();
        indent++;
        for (int i = 0; i < size && budget > 0; i++) {
            statement(depth);
        }
        indent--;
        scope.pop();
    }

    private void statement(int depth) {
        budget--;
        boolean nest = depth < MAX_DEPTH;
        boolean loop = nest && loops < MAX_LOOPS;
        switch (r.nextInt(25)) {
            case 0, 1, 2 -> declareReal();
            case 3, 4, 5 -> assignReal();
            case 6 -> declareInt();
            case 7, 8 -> declareArray();
            case 9 -> declareMatrix();
            case 10, 11, 12 -> writeElement();
            case 13 -> {
                if (nest) {
                    ifElse(depth);
                } else {
                    assignReal();
                }
            }
            case 14, 15 -> {
                if (loop) {
                    forLoop(depth);
                } else {
                    writeElement();
                }
            }
            case 16 -> {
                if (loop) {
                    whileLoop(depth);
                } else {
                    assignReal();
                }
            }
            case 17 -> {
                if (loop) {
                    forEach(depth);
                } else {
                    declareReal();
                }
            }
            case 18 -> {
                if (nest) {
                    switchOnInt(depth);
                } else {
                    writeElement();
                }
            }
            case 19 -> jump(depth);
            case 20 -> earlyReturn(depth);
            case 21 -> voidCall();
            case 22 -> {
                String c = e.condition(2);
                line("boolean " + scope.add(Var.bool(scope.fresh("b"))).name() + " = " + c + ";");
            }
            case 23 -> {
                if (loop) {
                    damped(depth);
                } else {
                    assignReal();
                }
            }
            default -> reassignArray();
        }
    }

    // ---------------------------------------------------------------- simple statements

    private void declareReal() {
        String value = e.real(2);
        line("double " + scope.add(Var.real(scope.fresh("d"), true)).name() + " = " + value + ";");
    }

    private void assignReal() {
        Var v = scope.pick(r, x -> x.type() == Type.DOUBLE && x.assignable());
        if (v == null) {
            declareReal();
            return;
        }
        line(v.name() + update(v.name()) + ";");
    }

    /** A damped update of {@code target}: the text after it, from " = …" or " += …" on. */
    private String update(String target) {
        return switch (r.nextInt(6)) {
            case 0 -> " = " + e.tame(2);
            case 1 -> " = 0.7 * " + target + " + 0.3 * " + e.tame(2);
            case 2 -> " += 0.1 * " + e.tame(2);
            case 3 -> " *= 0.9 + 0.1 * Math.tanh(" + e.real(2) + ")";
            case 4 -> " -= 0.2 * " + e.tame(1);
            default -> " /= 1.2 + 0.2 * Math.sin(" + e.real(2) + ")";
        };
    }

    /** Makes an alias refer to another array of its length, or to one of two chosen by a condition. */
    private void reassignArray() {
        Var t = scope.pick(r, x -> x.type() == Type.ARRAY && x.origin() == Origin.ALIAS);
        if (t == null) {
            declareArray();
            return;
        }
        Var a = scope.pick(r, x -> x.writableArray() && x.len() == t.len());
        Var b = scope.pick(r, x -> x.writableArray() && x.len() == t.len());
        line(t.name() + " = " + (r.nextBoolean() ? a.name() : "(" + e.condition(1) + ") ? " + a.name() + " : "
                + b.name()) + ";");
    }

    private void declareInt() {
        IntExpr v = e.integer(5);
        line("int " + scope.add(Var.integer(scope.fresh("k"), v.lo(), v.hi(), false)).name() + " = " + v.text() + ";");
    }

    private void declareArray() {
        String name = scope.fresh("t");
        Var source = scope.pick(r, Var::writableArray);
        Var matrix = scope.pick(r, x -> x.type() == Type.MATRIX);
        int choice = r.nextInt(6);
        if (choice == 0 && source != null) {
            Var other = scope.pick(r, x -> x.writableArray() && x.len() == source.len());
            String value = r.nextBoolean() ? source.name()
                    : "(" + e.condition(1) + ") ? " + source.name() + " : " + other.name();
            line("double[] " + name + " = " + value + ";");
            scope.add(Var.array(name, source.len(), Origin.ALIAS));
        } else if (choice == 1 && matrix != null) {
            line("double[] " + name + " = " + matrix.name() + "[" + e.index(matrix.name(), matrix.len()) + "];");
            scope.add(Var.array(name, matrix.cols(), Origin.ALIAS));
        } else if (choice == 2) {
            int len = 1 + r.nextInt(4);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < len; i++) {
                values.add(e.real(1));
            }
            line("double[] " + name + " = {" + String.join(", ", values) + "};");
            scope.add(Var.array(name, len, Origin.FRESH));
        } else if (choice == 3 && !e.callees().stream().noneMatch(c -> c.result() == Type.ARRAY)) {
            for (Expressions.Callee c : e.callees()) {
                String call = c.result() == Type.ARRAY ? e.call(c, 1) : null;
                if (call != null) {
                    line("double[] " + name + " = " + call + ";");
                    scope.add(Var.array(name, c.len(), Origin.ALIAS));
                    return;
                }
            }
            declareArray();
        } else {
            boolean like = source != null && r.nextBoolean();
            int len = like ? source.len() : 1 + r.nextInt(5);
            line("double[] " + name + " = new double[" + (like ? source.name() + ".length" : len) + "];");
            Var t = scope.add(Var.array(name, len, Origin.FRESH));
            if (r.nextBoolean()) {
                String i = scope.fresh("i");
                line("for (int " + i + " = 0; " + i + " < " + name + ".length; " + i + "++) {");
                scope.push();
                scope.add(Var.integer(i, 0, len - 1, false));
                indent++;
                line(name + "[" + i + "] = " + e.tame(2) + ";");
                indent--;
                scope.pop();
                line("}");
            }
            if (t.len() > 0 && source != null && r.nextInt(3) == 0) {
                line(name + "[" + e.index(name, len) + "] = " + e.element(source) + ";");
            }
        }
    }

    private void declareMatrix() {
        String name = scope.fresh("m");
        List<Var> arrays = scope.all(Var::writableArray);
        if (!arrays.isEmpty() && r.nextBoolean()) {
            Var a = arrays.get(r.nextInt(arrays.size()));
            List<String> rows = new ArrayList<>();
            for (Var b : arrays) {
                if (b.len() == a.len() && rows.size() < 3) {
                    rows.add(b.name());
                }
            }
            line("double[][] " + name + " = {" + String.join(", ", rows) + "};");
            scope.add(Var.matrix(name, rows.size(), a.len(), Origin.FRESH));
            return;
        }
        int rows = 1 + r.nextInt(3);
        int cols = 1 + r.nextInt(3);
        line("double[][] " + name + " = new double[" + rows + "][" + cols + "];");
        scope.add(Var.matrix(name, rows, cols, Origin.FRESH));
        line(name + "[" + e.index(name, rows) + "][" + e.index(name + "[0]", cols) + "] = " + e.real(2) + ";");
    }

    private void writeElement() {
        Var m = scope.pick(r, x -> x.type() == Type.MATRIX);
        if (m != null && r.nextInt(3) == 0) {
            String row = m.name() + "[" + e.index(m.name(), m.len()) + "]";
            Var same = scope.pick(r, x -> x.writableArray() && x.len() == m.cols());
            if (same != null && r.nextInt(6) == 0) {
                line(row + " = " + same.name() + ";");
            } else {
                String cell = row + "[" + e.index(m.name() + "[0]", m.cols()) + "]";
                line(cell + update(cell) + ";");
            }
            return;
        }
        Var a = scope.pick(r, Var::writableArray);
        if (a == null) {
            assignReal();
            return;
        }
        String cell = e.element(a);
        boolean raw = loops == 0 && a.fresh() && r.nextInt(3) == 0;
        line(cell + (raw ? " = " + e.real(2) : update(cell)) + ";");
    }

    private void voidCall() {
        for (Expressions.Callee c : e.callees()) {
            if (c.result() == Type.VOID) {
                String call = e.call(c, 1);
                if (call != null) {
                    line(call + ";");
                    return;
                }
            }
        }
        writeElement();
    }

    // ---------------------------------------------------------------- control flow

    private void ifElse(int depth) {
        line("if (" + e.condition(2) + ") {");
        block(depth + 1, 1 + r.nextInt(3));
        if (r.nextBoolean()) {
            line("} else {");
            block(depth + 1, 1 + r.nextInt(3));
        }
        line("}");
    }

    private void switchOnInt(int depth) {
        IntExpr key = e.integer(4);
        line("switch (" + key.text() + ") {");
        int cases = 1 + r.nextInt(3);
        for (int c = 0; c < cases; c++) {
            line("    case " + (key.lo() + c) + ": {");
            indent++;
            block(depth + 1, 1 + r.nextInt(2));
            indent--;
            line(r.nextInt(4) == 0 ? "    }" : "    }    break;");
        }
        line("    default: {");
        indent++;
        block(depth + 1, 1 + r.nextInt(2));
        indent--;
        line("    }");
        line("}");
    }

    private void forLoop(int depth) {
        String i = scope.fresh("i");
        IntExpr bound = e.integer(6);
        String label = label();
        loops++;
        scope.push();
        if (r.nextInt(4) == 0 && bound.hi() > 0) {
            line(label + "for (int " + i + " = " + bound.text() + " - 1; " + i + " >= 0; " + i + "--) {");
        } else {
            String step = r.nextInt(5) == 0 ? i + " += 2" : i + "++";
            line(label + "for (int " + i + " = 0; " + i + " < " + bound.text() + "; " + step + ") {");
        }
        scope.add(Var.integer(i, 0, Math.max(0, bound.hi() - 1), false));
        block(depth + 1, 1 + r.nextInt(4));
        scope.pop();
        line("}");
        loops--;
        labels.remove(labels.size() - 1);
    }

    private void forEach(int depth) {
        Var m = scope.pick(r, x -> x.type() == Type.MATRIX);
        Var a = scope.pick(r, x -> x.type() == Type.ARRAY);
        if (m == null && a == null) {
            forLoop(depth);
            return;
        }
        String label = label();
        loops++;
        scope.push();
        if (m != null && (a == null || r.nextBoolean())) {
            String row = scope.fresh("row");
            line(label + "for (double[] " + row + " : " + m.name() + ") {");
            scope.add(Var.array(row, m.cols(), Origin.SHARED));
        } else {
            String v = scope.fresh("v");
            line(label + "for (double " + v + " : " + a.name() + ") {");
            scope.add(Var.real(v, false));
        }
        block(depth + 1, 1 + r.nextInt(3));
        scope.pop();
        line("}");
        loops--;
        labels.remove(labels.size() - 1);
    }

    /** A while or do-while loop whose counter advances first, so that {@code continue} cannot skip it. */
    private void whileLoop(int depth) {
        String k = scope.fresh("c");
        IntExpr bound = e.integer(5);
        line("int " + k + " = 0;");
        String label = label();
        loops++;
        boolean doWhile = r.nextInt(3) == 0;
        line(label + (doWhile ? "do {" : "while (" + k + " < " + bound.text() + ") {"));
        scope.push();
        indent++;
        line(k + "++;");
        indent--;
        scope.add(Var.integer(k, 0, Math.max(1, bound.hi()), false));
        block(depth + 1, 1 + r.nextInt(3));
        scope.pop();
        line(doWhile ? "} while (" + k + " < " + bound.text() + ");" : "}");
        loops--;
        labels.remove(labels.size() - 1);
    }

    /** A loop that runs while a double stays below a threshold, and at most a few times. */
    private void damped(int depth) {
        Var v = scope.pick(r, x -> x.type() == Type.DOUBLE && x.assignable());
        if (v == null) {
            declareReal();
            return;
        }
        String k = scope.fresh("c");
        line("int " + k + " = 0;");
        labels.add("");
        loops++;
        line("while (" + v.name() + " < " + e.constant() + " && " + k + " < " + (1 + r.nextInt(5)) + ") {");
        scope.push();
        indent++;
        line(k + "++;");
        line(v.name() + " += 0.3 + 0.1 * " + e.tame(1) + ";");
        indent--;
        block(depth + 1, r.nextInt(2));
        scope.pop();
        line("}");
        loops--;
        labels.remove(labels.size() - 1);
    }

    private String label() {
        String label = r.nextInt(4) == 0 ? scope.fresh("L") : "";
        labels.add(label);
        return label.isEmpty() ? "" : label + ": ";
    }

    /** {@code if (cond) { …; break|continue [label]; }} inside a loop. */
    private void jump(int depth) {
        if (labels.isEmpty()) {
            assignReal();
            return;
        }
        List<String> named = labels.stream().filter(l -> !l.isEmpty()).toList();
        String target = !named.isEmpty() && r.nextInt(3) == 0 ? " " + named.get(r.nextInt(named.size())) : "";
        line("if (" + e.condition(2) + ") {");
        block(depth + 1, r.nextInt(2));
        indent++;
        line((r.nextBoolean() ? "break" : "continue") + target + ";");
        indent--;
        line("}");
    }

    private void earlyReturn(int depth) {
        line("if (" + e.condition(2) + ") {");
        block(depth + 1, r.nextInt(2));
        indent++;
        line("return" + returned() + ";");
        indent--;
        line("}");
    }

    private void finalReturn() {
        line("return" + returned() + ";");
    }

    /** The returned value, with a leading space (empty for void). */
    private String returned() {
        switch (returns.result()) {
            case VOID:
                return "";
            case DOUBLE: {
                StringBuilder s = new StringBuilder(e.real(2));
                for (Var v : scope.of(Type.DOUBLE)) {
                    if (r.nextInt(3) > 0) {
                        s.append(" + ").append(e.constant()).append(" * ").append(v.name());
                    }
                }
                for (Var a : scope.of(Type.ARRAY)) {
                    if (r.nextBoolean()) {
                        s.append(" + ").append(e.constant()).append(" * ").append(e.element(a));
                    }
                }
                return " " + s;
            }
            case ARRAY: {
                Var a = scope.pick(r, x -> x.type() == Type.ARRAY && x.len() == returns.len());
                boolean existing = a != null && r.nextBoolean();
                return " " + (existing ? a.name() : initializer(returns.len()));
            }
            case MATRIX: {
                Var m = scope.pick(r, x -> x.type() == Type.MATRIX && x.len() == returns.len()
                        && x.cols() == returns.cols());
                if (m != null && r.nextBoolean()) {
                    return " " + m.name();
                }
                List<String> rows = new ArrayList<>();
                for (int i = 0; i < returns.len(); i++) {
                    rows.add(initializer(returns.cols()));
                }
                return " new double[][] {" + String.join(", ", rows) + "}";
            }
            default:
                throw new IllegalStateException(returns.toString());
        }
    }

    private String initializer(int len) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            values.add(e.real(2));
        }
        return "new double[] {" + String.join(", ", values) + "}";
    }
}
