package dev.cotangent.weave.activity;

import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.Callee;
import dev.cotangent.weave.Callees;
import dev.cotangent.weave.Diagnostics;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.RefAliases;
import dev.cotangent.weave.ir.Var;
import dev.cotangent.weave.lift.Lifter;
import dev.cotangent.weave.lift.Webs;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Text built from active values, and where it is read back as a number. Printing or logging a
 * value that carries a derivative is harmless ({@code "x = " + x}, {@code sb.append(x)},
 * {@code String.valueOf(x)}); {@code Double.parseDouble("" + x)} is not: the number it gives
 * depends on {@code x} while carrying no derivative, a silently wrong result. This analysis
 * follows such text (a taint, since text is never active itself) and rejects the first place a
 * number comes back out of it.
 *
 * <p>A reference is <em>text from active values</em> when it is the result of string
 * concatenation, or a text-like result ({@code String}, {@code CharSequence}, a builder,
 * {@code char[]}, {@code byte[]}, {@code Object}) of a call, that received an active value, or a
 * builder or writer an active value is appended to; or is derived from such text: the result of
 * a call, or of a lambda's making, that received it, a call's receiver that received it
 * ({@code list.add}, a constructor), an element of an array holding it, a field that holds it
 * in this method, and every alias of those. A cast to a differentiable type ends it (text is
 * never a {@code double[]}). Integer results ({@code length()}, {@code Integer.parseInt}) are
 * allowed: a value that is piecewise constant in x has derivative zero, as a cast to
 * {@code int} has.
 *
 * <p>Rejected: a call that receives such text and returns a {@code double}, {@code float},
 * or a differentiable array or tensor ({@code Double.parseDouble}, {@code Double#doubleValue}
 * of a {@code Double.valueOf(s)}, {@code new BigDecimal(s).doubleValue()},
 * {@code new Scanner(s).nextDouble()}…). A method of the application that receives such text is
 * followed into: the rejection names the line inside it where the number comes back, and the
 * text it returns is text from active values too. Fields are followed within one method only.
 */
final class ActiveText {

    private static final int MAX_DEPTH = 16;

    private final Body body;
    private final Predicate<Var> active;
    private final Map<Insn.Invoke, Callee> calls;
    private final Callees callees;
    private final Diagnostics diagnostics;
    private final Summaries summaries;
    private final RefAliases aliases;
    /** Alias classes (their roots) that may hold text from active values. */
    private final Set<Var> text = new HashSet<>();
    private final Set<String> fields = new HashSet<>();
    private boolean changed;

    private ActiveText(Body body, Predicate<Var> active, Map<Insn.Invoke, Callee> calls, Callees callees,
                       Diagnostics diagnostics, Summaries summaries) {
        this.body = body;
        this.active = active;
        this.calls = calls;
        this.callees = callees;
        this.diagnostics = diagnostics;
        this.summaries = summaries;
        this.aliases = RefAliases.of(body);
    }

    /**
     * Checks {@code body}, whose active variables {@code active} gives and whose calls
     * {@code calls} classifies.
     *
     * @throws NotDifferentiableException where a number is read back from text built from active values
     */
    static void check(Body body, Set<Var> active, Map<Insn.Invoke, Callee> calls, Callees callees,
                      Diagnostics diagnostics) {
        if (!buildsText(body, active::contains, calls)) {
            return;
        }
        new ActiveText(body, active::contains, calls, callees, diagnostics, new Summaries(callees)).run(Set.of());
    }

    /** Whether anything in {@code body} may build text from an active value (most methods: no). */
    private static boolean buildsText(Body body, Predicate<Var> active, Map<Insn.Invoke, Callee> calls) {
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                boolean source = i instanceof Insn.InvokeDynamic d && d.isStringConcatenation()
                        || i instanceof Insn.Invoke call && (textual(Type.getReturnType(call.desc()))
                        || WRITERS.contains(call.owner()));
                if (source && i.uses().stream().anyMatch(active)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Follows the text from {@code seeds} (and from active values); whether the method may return such text. */
    private boolean run(Set<Var> seeds) {
        seeds.forEach(this::taint);
        do {
            changed = false;
            for (Block b : body.blocks()) {
                for (Insn i : b.insns()) {
                    propagate(i);
                }
            }
        } while (changed);
        for (Block b : body.blocks()) {
            if (b.exit() instanceof Exit.Return r && r.value() != null && isText(r.value())) {
                return true;
            }
        }
        return false;
    }

    private boolean isText(Var v) {
        return v != null && v.kind() == Kind.REF && text.contains(aliases.find(v));
    }

    private void taint(Var v) {
        if (v != null && v.kind() == Kind.REF && text.add(aliases.find(v))) {
            changed = true;
        }
    }

    private boolean anyText(List<Var> vars) {
        return vars.stream().anyMatch(this::isText);
    }

    private void propagate(Insn insn) {
        if (insn instanceof Insn.Move m && isText(m.src())) {
            taint(m.dst());
        } else if (insn instanceof Insn.CheckCast c && isText(c.src())
                && !Signatures.differentiable(Type.getObjectType(c.type()).getDescriptor())) {
            taint(c.dst());
        } else if (insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD && isText(a.array())) {
            taint(a.dst());
        } else if (insn instanceof Insn.ArrayStore s && s.opcode() == Opcodes.AASTORE && isText(s.value())) {
            taint(s.array());
        } else if (insn instanceof Insn.PutField p && isText(p.value())) {
            changed |= fields.add(p.owner() + "." + p.name());
        } else if (insn instanceof Insn.GetField g && fields.contains(g.owner() + "." + g.name())) {
            taint(g.dst());
        } else if (insn instanceof Insn.InvokeDynamic d && (anyText(d.args())
                || d.isStringConcatenation() && d.args().stream().anyMatch(active))) {
            taint(d.dst());
        } else if (insn instanceof Insn.Invoke call) {
            invoke(call);
        }
    }

    private void invoke(Insn.Invoke call) {
        Callee callee = calls.get(call);
        boolean fromActive = call.args().stream().anyMatch(active);
        boolean fromText = anyText(call.args());
        if (!fromActive && !fromText) {
            return;
        }
        Type result = Type.getReturnType(call.desc());
        if (callee instanceof Callee.Method m && !m.virtual()) {
            // Followed into: a rejection names the line inside; text it returns is text here too.
            boolean returnsText = fromText && summaries.returnsText(m, textParameters(call), call.line(), diagnostics);
            if (returnsText || fromActive && textual(result)) {
                taint(call.dst());
            }
            return;
        }
        // Cotangent's own operations never read numbers from text (a spec string is structure, like a shape).
        boolean ours = callee instanceof Callee.Scalar || callee instanceof Callee.TensorOp
                || callee instanceof Callee.Bridge || callee instanceof Callee.StopGradient
                || Callees.isLibrary(call.owner());
        if (fromText && call.dst() != null && numeric(call) && !ours) {
            throw numberFromText(call);
        }
        if (fromText && !differentiableResult(call) || fromActive && textual(result)) {
            taint(call.dst());
        }
        if (!call.isStatic() && !(callee instanceof Callee.Method)) {
            List<Var> args = call.args().subList(1, call.args().size());
            // A collection, a builder, a constructed object takes the text in; a writer the value itself.
            if (anyText(args) || args.stream().anyMatch(active) && WRITERS.contains(call.owner())) {
                taint(call.args().get(0));
            }
        }
    }

    /** Types whose objects hold text written into them ({@code sb.append(x)}). */
    private static final Set<String> WRITERS = Set.of("java/lang/StringBuilder", "java/lang/StringBuffer",
            "java/lang/Appendable", "java/io/Writer", "java/io/StringWriter", "java/io/PrintWriter",
            "java/util/Formatter");

    /** Whether a value of type {@code t} may be text: a string, a builder, characters, bytes, or any object. */
    private static boolean textual(Type t) {
        return switch (t.getDescriptor()) {
            case "Ljava/lang/String;", "Ljava/lang/CharSequence;", "Ljava/lang/StringBuilder;",
                 "Ljava/lang/StringBuffer;", "Ljava/lang/Object;", "[C", "[B", "[Ljava/lang/String;" -> true;
            default -> false;
        };
    }

    /** Bit i for each argument (the receiver first, if any) that holds text from active values. */
    private long textParameters(Insn.Invoke call) {
        long mask = 0;
        for (int i = 0; i < call.args().size() && i < 64; i++) {
            if (isText(call.args().get(i))) {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    private static boolean differentiableResult(Insn.Invoke call) {
        return Signatures.differentiable(Type.getReturnType(call.desc()).getDescriptor());
    }

    /** Whether the call gives a number that could carry a derivative. */
    private static boolean numeric(Insn.Invoke call) {
        Type r = Type.getReturnType(call.desc());
        return r.getSort() == Type.DOUBLE || r.getSort() == Type.FLOAT || Signatures.differentiable(r.getDescriptor());
    }

    private NotDifferentiableException numberFromText(Insn.Invoke call) {
        String target = Diagnostics.javaMethod(call.owner(), call.name(), call.desc());
        return diagnostics.error(call.line(), "a number is read back by " + target + " from text built from a value "
                + "that carries a derivative (a string, StringBuilder or characters made from it), which loses the "
                + "derivative", "use the double directly, or build the text from AD.stopGradient(x) if no derivative "
                + "should flow through it");
    }

    /** The application methods followed into, per set of parameters holding text; shared by one analysis. */
    private static final class Summaries {
        private final Callees callees;
        private final Map<String, Boolean> known = new HashMap<>();
        private final Set<String> inProgress = new HashSet<>();

        Summaries(Callees callees) {
            this.callees = callees;
        }

        /** Whether {@code m}, given text in the parameters of {@code mask}, may return text; rejects inside it. */
        boolean returnsText(Callee.Method m, long mask, int line, Diagnostics caller) {
            String key = m.owner() + "." + m.name() + m.descriptor() + "/" + mask;
            Boolean result = known.get(key);
            if (result != null) {
                return result;
            }
            if (!inProgress.add(key) || inProgress.size() > MAX_DEPTH) {
                return true; // recursion: assume the worst, the first call's analysis decides the rest
            }
            try {
                Optional<ClassNode> owner = callees.classes().find(m.owner());
                Optional<MethodNode> method = callees.classes().method(m.owner(), m.name(), m.descriptor());
                if (owner.isEmpty() || method.isEmpty()) {
                    throw caller.error(line, "text built from a value that carries a derivative is passed to "
                            + Diagnostics.javaMethod(m.owner(), m.name(), m.descriptor()) + ", whose code cannot be "
                            + "read to see whether it reads a number back from it", "pass the double itself");
                }
                Body body;
                try {
                    body = Lifter.lift(m.owner(), method.get());
                } catch (Lifter.Unliftable e) {
                    return true;
                }
                Webs.split(body);
                Map<Insn.Invoke, Callee> calls = new HashMap<>();
                for (Block b : body.blocks()) {
                    for (Insn i : b.insns()) {
                        if (i instanceof Insn.Invoke call) {
                            calls.put(call, callees.of(call));
                        }
                    }
                }
                Set<Var> seeds = new HashSet<>();
                for (int i = 0; i < body.params().size() && i < 64; i++) {
                    if ((mask & (1L << i)) != 0) {
                        seeds.add(body.params().get(i));
                    }
                }
                Diagnostics inside = new Diagnostics(owner.get(), m.name(), m.descriptor());
                result = new ActiveText(body, v -> false, calls, callees, inside, this).run(seeds);
                known.put(key, result);
                return result;
            } finally {
                inProgress.remove(key);
            }
        }
    }
}
