package dev.cotangent.weave.lift;

import dev.cotangent.primitive.MethodKey;
import dev.cotangent.primitive.Registry;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Local value numbering: within each block, a pure computation that repeats one already done
 * (javac loads {@code x[i]} once per mention) becomes a copy of the earlier result. For
 * derivatives this matters beyond speed of the primal: three loads of {@code x[i]} would be
 * three adjoint updates of the same shadow element in reverse mode; after numbering, one.
 *
 * <p>Pure: arithmetic, comparisons, conversions, array lengths, rank-0 registry functions,
 * and array loads — the latter only until the next array store or call, which may change
 * any array.
 */
public final class ValueNumbering {

    private record Key(String op, List<Integer> operands, Object constant) {}

    private final Map<Var, Integer> number = new HashMap<>();
    private final Map<Key, Integer> table = new HashMap<>();
    private final Map<Integer, Var> holder = new HashMap<>();
    private int next;

    private ValueNumbering() {}

    /** Rewrites repeated pure computations in {@code body} as copies. */
    public static void run(Body body) {
        for (Block b : body.blocks()) {
            new ValueNumbering().block(b);
        }
    }

    private void block(Block b) {
        List<Insn> insns = b.insns();
        for (int i = 0; i < insns.size(); i++) {
            Insn insn = insns.get(i);
            Var d = insn.def();
            if (insn instanceof Insn.ArrayStore || insn instanceof Insn.Invoke call && !pure(call)
                    || insn instanceof Insn.InvokeDynamic || insn instanceof Insn.PutField
                    || insn instanceof Insn.Monitor) {
                forgetLoads();
            }
            if (d == null) {
                continue;
            }
            if (insn instanceof Insn.Move m) {
                define(d, valueOf(m.src()));
                continue;
            }
            Key key = key(insn);
            if (key == null) {
                define(d, next++);
                continue;
            }
            Integer known = table.get(key);
            Var h = known == null ? null : holder.get(known);
            if (h != null && h != d && Objects.equals(number.get(h), known) && h.kind() == d.kind()) {
                insns.set(i, new Insn.Move(d, h, insn.line()));
                define(d, known);
            } else {
                int v = next++;
                table.put(key, v);
                define(d, v);
            }
        }
    }

    private void define(Var d, int value) {
        number.put(d, value);
        Var h = holder.get(value);
        if (h == null || !Objects.equals(number.get(h), value)) {
            holder.put(value, d);
        }
    }

    private int valueOf(Var v) {
        Integer n = number.get(v);
        if (n == null) {
            n = next++;
            number.put(v, n);
            holder.put(n, v);
        }
        return n;
    }

    private void forgetLoads() {
        table.keySet().removeIf(k -> k.op().startsWith("load"));
    }

    private Key key(Insn insn) {
        if (insn instanceof Insn.Const c) {
            return new Key("const" + c.dst().kind(), List.of(), c.value());
        } else if (insn instanceof Insn.Binary b) {
            return new Key("op" + b.opcode(), List.of(valueOf(b.left()), valueOf(b.right())), null);
        } else if (insn instanceof Insn.Unary u) {
            return new Key("op" + u.opcode(), List.of(valueOf(u.operand())), null);
        } else if (insn instanceof Insn.ArrayLength a) {
            return new Key("length", List.of(valueOf(a.array())), null);
        } else if (insn instanceof Insn.ArrayLoad a) {
            return new Key("load" + a.opcode(), List.of(valueOf(a.array()), valueOf(a.index())), null);
        } else if (insn instanceof Insn.Invoke call && pure(call)) {
            List<Integer> operands = new ArrayList<>();
            call.args().forEach(a -> operands.add(valueOf(a)));
            return new Key("call " + call.owner() + "." + call.name() + call.desc(), operands, null);
        }
        return null;
    }

    private static boolean pure(Insn.Invoke call) {
        return call.opcode() == Opcodes.INVOKESTATIC
                && Registry.scalar(new MethodKey(call.owner(), call.name(), call.desc())) != null;
    }
}
