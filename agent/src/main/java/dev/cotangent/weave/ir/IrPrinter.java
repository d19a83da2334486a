package dev.cotangent.weave.ir;

import org.objectweb.asm.util.Printer;

import java.util.stream.Collectors;

/** Prints a {@link Body} one instruction per line, for tests and for debugging the weaver. */
public final class IrPrinter {

    private IrPrinter() {}

    public static String print(Body body) {
        StringBuilder sb = new StringBuilder();
        sb.append(body.owner()).append('.').append(body.name()).append(body.descriptor()).append('(')
                .append(body.params().stream().map(Var::name).collect(Collectors.joining(", "))).append(")\n");
        for (Block b : body.blocks()) {
            sb.append(b).append(":\n");
            for (Insn i : b.insns()) {
                sb.append("  ").append(print(i)).append('\n');
            }
            sb.append("  ").append(print(b.exit())).append('\n');
        }
        return sb.toString();
    }

    public static String print(Insn insn) {
        if (insn instanceof Insn.Const c) {
            return c.dst() + " = " + literal(c.value());
        } else if (insn instanceof Insn.Move m) {
            return m.dst() + " = " + m.src();
        } else if (insn instanceof Insn.Binary b) {
            return b.dst() + " = " + op(b.opcode()) + " " + b.left() + ", " + b.right();
        } else if (insn instanceof Insn.Unary u) {
            return u.dst() + " = " + op(u.opcode()) + " " + u.operand();
        } else if (insn instanceof Insn.ArrayLoad a) {
            return a.dst() + " = " + a.array() + "[" + a.index() + "]";
        } else if (insn instanceof Insn.ArrayStore a) {
            return a.array() + "[" + a.index() + "] = " + a.value();
        } else if (insn instanceof Insn.ArrayLength a) {
            return a.dst() + " = " + a.array() + ".length";
        } else if (insn instanceof Insn.NewArray n) {
            return n.dst() + " = new " + n.arrayType().getDescriptor() + n.dims();
        } else if (insn instanceof Insn.NewObject n) {
            return n.dst() + " = new " + n.type();
        } else if (insn instanceof Insn.Invoke i) {
            return (i.dst() == null ? "" : i.dst() + " = ") + op(i.opcode()).toLowerCase() + " " + i.owner() + "."
                    + i.name() + i.desc() + i.args();
        } else if (insn instanceof Insn.InvokeDynamic i) {
            return (i.dst() == null ? "" : i.dst() + " = ") + "invokedynamic " + i.name() + i.desc() + i.args();
        } else if (insn instanceof Insn.GetField g) {
            return g.dst() + " = " + (g.object() == null ? g.owner() : g.object()) + "." + g.name();
        } else if (insn instanceof Insn.PutField p) {
            return (p.object() == null ? p.owner() : p.object()) + "." + p.name() + " = " + p.value();
        } else if (insn instanceof Insn.CheckCast c) {
            return c.dst() + " = (" + c.type() + ") " + c.src();
        } else if (insn instanceof Insn.InstanceOf i) {
            return i.dst() + " = " + i.src() + " instanceof " + i.type();
        } else {
            Insn.Monitor m = (Insn.Monitor) insn;
            return op(m.opcode()).toLowerCase() + " " + m.object();
        }
    }

    public static String print(Exit exit) {
        if (exit == null) {
            return "<no exit>";
        } else if (exit instanceof Exit.Goto g) {
            return "goto " + g.target();
        } else if (exit instanceof Exit.Branch b) {
            return op(b.opcode()).toLowerCase() + " " + b.left() + (b.right() == null ? "" : ", " + b.right()) + " ? "
                    + b.target() + " : " + b.otherwise();
        } else if (exit instanceof Exit.Switch s) {
            return "switch " + s.key() + " " + java.util.Arrays.toString(s.keys()) + " -> " + s.targets() + " else "
                    + s.otherwise();
        } else if (exit instanceof Exit.Return r) {
            return "return" + (r.value() == null ? "" : " " + r.value());
        } else {
            return "throw " + ((Exit.Throw) exit).exception();
        }
    }

    private static String op(int opcode) {
        return Printer.OPCODES[opcode];
    }

    private static String literal(Object value) {
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }
}
