package dev.cotangent.weave.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rebuilds instructions and exits with variables (and blocks) substituted: how passes rename
 * variables into webs, and how a lifted method body is spliced into another.
 */
public final class Rename {

    private Rename() {}

    /** {@code insn} with its variables mapped and its line replaced by {@code line}. */
    public static Insn insn(Insn insn, UnaryOperator<Var> def, UnaryOperator<Var> use, int line) {
        Insn renamed = insn(insn, def, use);
        return line == renamed.line() ? renamed : withLine(renamed, line);
    }

    private static Insn withLine(Insn i, int line) {
        if (i instanceof Insn.Const c) {
            return new Insn.Const(c.dst(), c.value(), line);
        } else if (i instanceof Insn.Move m) {
            return new Insn.Move(m.dst(), m.src(), line);
        } else if (i instanceof Insn.Binary b) {
            return new Insn.Binary(b.dst(), b.opcode(), b.left(), b.right(), line);
        } else if (i instanceof Insn.Unary u) {
            return new Insn.Unary(u.dst(), u.opcode(), u.operand(), line);
        } else if (i instanceof Insn.Invoke v) {
            return new Insn.Invoke(v.dst(), v.opcode(), v.owner(), v.name(), v.desc(), v.itf(), v.args(), line);
        } else if (i instanceof Insn.GetField g) {
            return new Insn.GetField(g.dst(), g.opcode(), g.owner(), g.name(), g.desc(), g.object(), line);
        }
        // Derivative lambdas use only the instructions above; others keep their line.
        return i;
    }

    /** {@code insn} with its written variable mapped by {@code def} and its read ones by {@code use}. */
    public static Insn insn(Insn insn, UnaryOperator<Var> def, UnaryOperator<Var> use) {
        if (insn instanceof Insn.Const c) {
            return new Insn.Const(def.apply(c.dst()), c.value(), c.line());
        } else if (insn instanceof Insn.Move m) {
            Var src = use.apply(m.src());
            return new Insn.Move(def.apply(m.dst()), src, m.line());
        } else if (insn instanceof Insn.Binary b) {
            Var l = use.apply(b.left());
            Var r = use.apply(b.right());
            return new Insn.Binary(def.apply(b.dst()), b.opcode(), l, r, b.line());
        } else if (insn instanceof Insn.Unary u) {
            Var o = use.apply(u.operand());
            return new Insn.Unary(def.apply(u.dst()), u.opcode(), o, u.line());
        } else if (insn instanceof Insn.ArrayLoad a) {
            Var arr = use.apply(a.array());
            Var idx = use.apply(a.index());
            return new Insn.ArrayLoad(def.apply(a.dst()), a.opcode(), arr, idx, a.arrayType(), a.line());
        } else if (insn instanceof Insn.ArrayStore a) {
            return new Insn.ArrayStore(a.opcode(), use.apply(a.array()), use.apply(a.index()), use.apply(a.value()),
                    a.arrayType(), a.line());
        } else if (insn instanceof Insn.ArrayLength a) {
            Var arr = use.apply(a.array());
            return new Insn.ArrayLength(def.apply(a.dst()), arr, a.arrayType(), a.line());
        } else if (insn instanceof Insn.NewArray n) {
            List<Var> dims = map(n.dims(), use);
            return new Insn.NewArray(def.apply(n.dst()), n.arrayType(), dims, n.line());
        } else if (insn instanceof Insn.NewObject n) {
            return new Insn.NewObject(def.apply(n.dst()), n.type(), n.line());
        } else if (insn instanceof Insn.Invoke i) {
            List<Var> args = map(i.args(), use);
            return new Insn.Invoke(i.dst() == null ? null : def.apply(i.dst()), i.opcode(), i.owner(), i.name(),
                    i.desc(), i.itf(), args, i.line());
        } else if (insn instanceof Insn.InvokeDynamic d) {
            List<Var> args = map(d.args(), use);
            return new Insn.InvokeDynamic(d.dst() == null ? null : def.apply(d.dst()), d.name(), d.desc(),
                    d.bootstrap(), d.bootstrapArgs(), args, d.line());
        } else if (insn instanceof Insn.GetField g) {
            Var obj = g.object() == null ? null : use.apply(g.object());
            return new Insn.GetField(def.apply(g.dst()), g.opcode(), g.owner(), g.name(), g.desc(), obj, g.line());
        } else if (insn instanceof Insn.PutField p) {
            return new Insn.PutField(p.opcode(), p.owner(), p.name(), p.desc(),
                    p.object() == null ? null : use.apply(p.object()), use.apply(p.value()), p.line());
        } else if (insn instanceof Insn.CheckCast c) {
            Var src = use.apply(c.src());
            return new Insn.CheckCast(def.apply(c.dst()), src, c.type(), c.line());
        } else if (insn instanceof Insn.InstanceOf i) {
            Var src = use.apply(i.src());
            return new Insn.InstanceOf(def.apply(i.dst()), src, i.type(), i.line());
        } else {
            Insn.Monitor m = (Insn.Monitor) insn;
            return new Insn.Monitor(m.opcode(), use.apply(m.object()), m.line());
        }
    }

    /** {@code exit} with its variables mapped by {@code use} and its targets by {@code blocks}. */
    public static Exit exit(Exit exit, UnaryOperator<Var> use, UnaryOperator<Block> blocks) {
        if (exit instanceof Exit.Goto g) {
            return new Exit.Goto(blocks.apply(g.target()), g.line());
        } else if (exit instanceof Exit.Branch b) {
            return new Exit.Branch(b.opcode(), use.apply(b.left()), b.right() == null ? null : use.apply(b.right()),
                    blocks.apply(b.target()), blocks.apply(b.otherwise()), b.line());
        } else if (exit instanceof Exit.Switch s) {
            List<Block> targets = new ArrayList<>();
            s.targets().forEach(t -> targets.add(blocks.apply(t)));
            return new Exit.Switch(use.apply(s.key()), s.keys(), targets, blocks.apply(s.otherwise()), s.line());
        } else if (exit instanceof Exit.Return r) {
            return new Exit.Return(r.value() == null ? null : use.apply(r.value()), r.line());
        } else {
            return new Exit.Throw(use.apply(((Exit.Throw) exit).exception()), exit.line());
        }
    }

    /** The variables an exit reads. */
    public static List<Var> uses(Exit exit) {
        List<Var> out = new ArrayList<>(2);
        rename(exit, v -> {
            out.add(v);
            return v;
        });
        return out;
    }

    private static void rename(Exit exit, UnaryOperator<Var> use) {
        exit(exit, use, b -> b);
    }

    private static List<Var> map(List<Var> vars, UnaryOperator<Var> f) {
        List<Var> out = new ArrayList<>(vars.size());
        for (Var v : vars) {
            out.add(f.apply(v));
        }
        return out;
    }
}
