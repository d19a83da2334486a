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
import dev.cotangent.weave.ir.RefTypes;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variables are active: a forward dataflow from the differentiable parameters,
 * flow-insensitive over webs (see {@code Webs}), run to a fixpoint. A double is active if an
 * active value flows into it; an array or tensor reference is active if it is one, holds
 * one, or aliases one (moves, casts, rows of a matrix link both ways, because a shadow array
 * must exist for every alias of an active array).
 *
 * <p>A reference typed {@code Object}, {@code Cloneable}, {@code Serializable} or an array of
 * them ({@code Signatures.dynamic}) may hold an array or a tensor: such a parameter is active,
 * and a call hands such a parameter's derivative on unless the argument's own static type
 * shows it carries none (a {@code String}); a cast to a type that carries no derivative ends
 * the activity.
 *
 * <p>Once the fixpoint is reached, the constructs that would lose derivatives are rejected:
 * an active value passed to a call without a derivative, stored into a field, captured by a
 * lambda that leaves the method, or converted to {@code float}, an active value stored into
 * an array that came from a field or a call without a derivative where such a definition may
 * reach the store ({@link ReachingForeign}), a call more than three of whose arguments choose
 * its variant at run time ({@link Activity#chosenAtRunTime}), and a number read back from text
 * built from active values ({@link ActiveText}). Each rejection is a
 * {@link NotDifferentiableException} at the first such line.
 */
public final class ActivityAnalysis {

    private static final String TENSOR = "Ldev/cotangent/tensor/Tensor;";
    /** At most this many arguments of one call choose its variant at run time (2³ variants). */
    private static final int MAX_CHOSEN_AT_RUN_TIME = 3;

    private final Body body;
    private final RefTypes types;
    private final Callees callees;
    private final Diagnostics diagnostics;
    private final Set<Var> active = new HashSet<>();
    private final Set<Var> foreign = new HashSet<>();
    private final Set<Var> shadowless = new HashSet<>();
    private final Map<Insn.Invoke, Callee> calls = new IdentityHashMap<>();
    /** Calls to derivatives of methods with some array parameters inactive: the variant's parameter mask. */
    private final Map<Insn.Invoke, Long> variants = new IdentityHashMap<>();
    private Map<Insn.Invoke, Callee> resolved = Map.of();
    /** While true, the fixpoint computes only which arrays are foreign. */
    private boolean foreignOnly;
    private boolean changed;

    private ActivityAnalysis(Body body, Callees callees, Diagnostics diagnostics) {
        this.body = body;
        this.types = new RefTypes(body);
        this.callees = callees;
        this.diagnostics = diagnostics;
    }

    /**
     * Analyses {@code body} with the parameters of differentiable type active.
     *
     * @throws NotDifferentiableException for the first construct that would lose a derivative
     */
    public static Activity analyse(Body body, Callees callees, Diagnostics diagnostics) {
        return analyse(body, callees, diagnostics, -1L);
    }

    /**
     * Analyses {@code body} with only the parameters whose bit is set in {@code seeds} (bit i
     * for the body's parameter i, the receiver first) active, among those of differentiable type.
     */
    public static Activity analyse(Body body, Callees callees, Diagnostics diagnostics, long seeds) {
        return analyse(body, callees, diagnostics, seeds, Map.of());
    }

    /**
     * As {@link #analyse(Body, Callees, Diagnostics, long)}, with the callees of some calls
     * already decided ({@code resolved}: a lambda's call resolved to its bridge).
     */
    public static Activity analyse(Body body, Callees callees, Diagnostics diagnostics, long seeds,
                                   Map<Insn.Invoke, Callee> resolved) {
        ActivityAnalysis a = new ActivityAnalysis(body, callees, diagnostics);
        a.resolved = resolved;
        for (int i = 0; i < body.params().size(); i++) {
            boolean seeded = i >= 64 || (seeds & (1L << i)) != 0;
            String type = body.paramTypes().get(i).getDescriptor();
            if (seeded && Signatures.hasTangent(type)) {
                a.active.add(body.params().get(i));
            } else if (!seeded && Signatures.mayHoldArray(type)) {
                // The caller passes no shadow for it (an array from a field, or not differentiated).
                a.foreign.add(body.params().get(i));
                a.shadowless.add(body.params().get(i));
            }
        }
        return a.run();
    }

    private Activity run() {
        for (Block b : body.blocks()) {
            for (Insn insn : b.insns()) {
                if (insn instanceof Insn.Invoke call) {
                    Callee given = resolved.get(call);
                    calls.put(call, given != null ? given : callees.of(call));
                }
            }
        }
        // Foreign arrays first: whether an array argument gets a shadow depends on it.
        foreignOnly = true;
        fixpoint();
        foreignOnly = false;
        fixpoint();
        Activity activity = new Activity(Set.copyOf(active), java.util.Collections.unmodifiableMap(calls),
                java.util.Collections.unmodifiableMap(variants), Set.copyOf(foreign), written(), Set.copyOf(shadowless));
        reject(activity);
        ActiveText.check(body, active, calls, callees, diagnostics);
        return activity;
    }

    private void fixpoint() {
        do {
            changed = false;
            for (Block b : body.blocks()) {
                for (Insn insn : b.insns()) {
                    propagate(insn);
                }
            }
        } while (changed);
    }

    private void mark(Var v) {
        if (!foreignOnly && v != null && active.add(v)) {
            changed = true;
        }
    }

    private void markForeign(Var v) {
        if (v != null && v.kind() == Kind.REF && foreign.add(v)) {
            changed = true;
        }
    }

    /** Two references to the same object: active together, foreign together. */
    private void alias(Var a, Var b) {
        alias(a, b, true);
    }

    /**
     * An array and an element of it: active together, and foreign together when the elements
     * are arrays themselves (rows shared with their holder). A tensor is immutable, so one
     * from elsewhere does not make the array holding it foreign.
     */
    private void alias(Var a, Var b, boolean shareForeign) {
        if (active.contains(a) || active.contains(b)) {
            mark(a);
            mark(b);
        }
        if (shareForeign && (foreign.contains(a) || foreign.contains(b))) {
            markForeign(a);
            markForeign(b);
        }
    }

    /** Whether the elements of an array of {@code arrayType} are arrays. */
    private static boolean holdsArrays(Type arrayType) {
        return arrayType == null || arrayType.getDimensions() > 1 || Signatures.dynamic(arrayType.getDescriptor());
    }

    private boolean on(Var v) {
        return v != null && active.contains(v);
    }

    private void propagate(Insn insn) {
        if (insn instanceof Insn.Move m) {
            if (m.dst().kind() == Kind.REF) {
                alias(m.dst(), m.src());
            } else if (on(m.src())) {
                mark(m.dst());
            }
        } else if (insn instanceof Insn.Binary b) {
            if (b.dst().kind() == Kind.DOUBLE && (on(b.left()) || on(b.right()))) {
                mark(b.dst());
            }
        } else if (insn instanceof Insn.Unary u) {
            if (u.opcode() == Opcodes.DNEG && on(u.operand())) {
                mark(u.dst());
            }
        } else if (insn instanceof Insn.ArrayLoad a) {
            if (a.opcode() == Opcodes.DALOAD && on(a.array())) {
                mark(a.dst());
            } else if (a.opcode() == Opcodes.AALOAD) {
                alias(a.dst(), a.array(), holdsArrays(a.arrayType()));
            }
        } else if (insn instanceof Insn.ArrayStore s) {
            if (s.opcode() == Opcodes.DASTORE && on(s.value())) {
                mark(s.array());
            } else if (s.opcode() == Opcodes.AASTORE) {
                alias(s.array(), s.value(), holdsArrays(s.arrayType()));
            }
        } else if (insn instanceof Insn.CheckCast c) {
            // A cast to a type that carries no derivative (a String from a generic helper) ends it.
            String to = c.type().startsWith("[") ? c.type() : "L" + c.type() + ";";
            if (Signatures.hasTangent(to)) {
                alias(c.dst(), c.src());
            }
        } else if (insn instanceof Insn.Invoke call) {
            propagateCall(call, calls.get(call));
        }
        if (Activity.fromElsewhere(insn, insn instanceof Insn.Invoke call ? calls.get(call) : null)) {
            // No shadow: an array from elsewhere, or one whose derivative is stopped, whatever the
            // static type says (ThreadLocal.get() and Map.get() return Object, cast later).
            markForeign(insn.def());
        }
    }

    private void propagateCall(Insn.Invoke call, Callee callee) {
        boolean anyActive = false;
        for (Var a : call.args()) {
            anyActive |= on(a);
        }
        if (callee instanceof Callee.Scalar s) {
            if (anyActive && !s.primitive().integer()) {
                mark(call.dst());
            }
        } else if (callee instanceof Callee.TensorOp || callee instanceof Callee.Bridge) {
            if (anyActive) {
                mark(call.dst());
            }
        } else if (callee instanceof Callee.Method m) {
            // An active result makes the call differentiated too: the callee makes its shadow.
            if (anyActive || on(call.dst())) {
                if (call.dst() != null && Signatures.hasTangent(Type.getReturnType(call.desc()).getDescriptor())) {
                    mark(call.dst());
                }
                // The callee may write active values into any array it is given, except one
                // without a shadow (from a field…): the variant called treats that one as
                // constant, and rejects writing active values into it.
                // The callee's own parameters: a lambda's bridge takes the receiver as its first.
                Type[] params = Type.getArgumentTypes(m.descriptor());
                int offset = m.isStatic() ? 0 : 1;
                long variant = dev.cotangent.runtime.Mode.ALL;
                for (int i = 0; i < params.length; i++) {
                    Var arg = call.args().get(offset + i);
                    if (i >= 64) {
                        // Beyond the mask: always differentiated.
                        if (Signatures.mayHoldArray(params[i].getDescriptor()) && !foreign.contains(arg)) {
                            mark(arg);
                        }
                    } else if (Signatures.dynamic(params[i].getDescriptor())
                            && !Signatures.mayHoldArray(types.of(arg).getDescriptor())) {
                        // Object or a type variable given a value whose own type shows what it
                        // is: a tensor is active or not by itself; a string, a boxed number or
                        // another object carries no derivative, so the callee treats it as such.
                        if (!types.of(arg).getDescriptor().equals(TENSOR)) {
                            variant &= ~(1L << i);
                        }
                    } else if (Signatures.mayHoldArray(params[i].getDescriptor())) {
                        if (!foreign.contains(arg)) {
                            mark(arg);
                        } else if (!active.contains(arg)) {
                            variant &= ~(1L << i);
                        }
                        // Active and foreign: the bit is cleared at run time when the value
                        // that reached the call has no shadow of its own (Activity.chosenAtRunTime).
                    }
                }
                if (foreignOnly) {
                    return;
                }
                // Recomputed on every pass: an argument may become active later in the fixpoint.
                if (variant != dev.cotangent.runtime.Mode.ALL) {
                    variants.put(call, variant);
                } else {
                    variants.remove(call);
                }
            }
        }
    }

    // ------------------------------------------------------------------ written arrays

    /**
     * The arrays that may receive derivatives once defined, with every alias (moves, casts,
     * rows and their matrices): conservative, since it decides only whether an array a callee
     * returned without a shadow may be read with zero derivatives instead of stopping.
     */
    private Set<Var> written() {
        List<Var> seeds = new ArrayList<>();
        for (Block b : body.blocks()) {
            for (Insn insn : b.insns()) {
                if (insn instanceof Insn.ArrayStore s) {
                    if (s.opcode() == Opcodes.AASTORE) {
                        seeds.add(s.value());
                    }
                    if (on(s.value()) || s.opcode() == Opcodes.AASTORE) {
                        seeds.add(s.array());
                    }
                } else if (insn instanceof Insn.Invoke call && calls.get(call) instanceof Callee.Method
                        && (anyActive(call.args()) || on(call.dst()))) {
                    call.args().stream().filter(v -> v.kind() == Kind.REF).forEach(seeds::add);
                }
            }
            if (b.exit() instanceof Exit.Return r && r.value() != null
                    && r.value().kind() == Kind.REF) {
                seeds.add(r.value());
            }
        }
        RefAliases aliases = RefAliases.of(body);
        Set<Var> roots = new HashSet<>();
        seeds.forEach(v -> roots.add(aliases.find(v)));
        Set<Var> out = new HashSet<>();
        for (Var v : body.vars()) {
            if (v.kind() == Kind.REF && roots.contains(aliases.find(v))) {
                out.add(v);
            }
        }
        return Set.copyOf(out);
    }

    // ------------------------------------------------------------------ rejections

    private void reject(Activity activity) {
        List<NotDifferentiableException> errors = new ArrayList<>();
        for (Block b : body.blocks()) {
            for (Insn insn : b.insns()) {
                check(insn, errors);
            }
        }
        ReachingForeign reaching = null;
        for (Block b : body.blocks()) {
            for (int k = 0; k < b.insns().size(); k++) {
                Insn insn = b.insns().get(k);
                int chosen = insn instanceof Insn.Invoke call && activity.differentiated(call)
                        ? activity.chosenAtRunTime(call).size() : 0;
                if (chosen > MAX_CHOSEN_AT_RUN_TIME) {
                    Insn.Invoke call = (Insn.Invoke) insn;
                    errors.add(diagnostics.error(call.line(), "call to " + Diagnostics.javaMethod(call.owner(),
                            call.name(), call.desc()) + " passes " + chosen + " arrays that may or may "
                            + "not carry a derivative (each merged with an array from a field or from a call without a "
                            + "derivative), which would need " + (1 << chosen) + " derivatives of it",
                            "merge with copies of the constant arrays (DEFAULT.clone()), or pass at most "
                                    + MAX_CHOSEN_AT_RUN_TIME + " such arrays to one call"));
                }
                if (insn instanceof Insn.ArrayStore s && on(s.array()) && foreign.contains(s.array())) {
                    if (reaching == null) {
                        reaching = new ReachingForeign(body, foreign, shadowless, calls);
                    }
                    if (!reaching.before(b, k).contains(s.array())) {
                        continue; // only definitions with a shadow of their own reach this store
                    }
                    errors.add(diagnostics.error(s.line(), "an active value is stored into an array that carries no "
                            + "derivative here (it comes from a field or from a call without a derivative, or is a "
                            + "parameter the caller passes such an array for, or does not differentiate), so its "
                            + "derivative cannot be tracked",
                            "allocate the array inside the method, or pass it in as a differentiated parameter"));
                }
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(e -> e.line() < 0 ? Integer.MAX_VALUE : e.line()));
            throw errors.get(0);
        }
    }

    private void check(Insn insn, List<NotDifferentiableException> errors) {
        if (insn instanceof Insn.Invoke call) {
            Callee callee = calls.get(call);
            if (callee instanceof Callee.Opaque o && anyActive(call.args())) {
                errors.add(opaqueCall(call, o.why()));
            }
        } else if (insn instanceof Insn.PutField p && on(p.value())) {
            String field = p.owner().substring(p.owner().lastIndexOf('/') + 1).replace('$', '.') + "." + p.name();
            errors.add(diagnostics.error(p.line(), "an active value is stored into the field " + field
                    + ", where its derivative would be lost",
                    "pass the value as a parameter or return it instead, or store AD.stopGradient(x) if no "
                            + "derivative should flow"));
        } else if (insn instanceof Insn.InvokeDynamic d && anyActive(d.args()) && !d.isStringConcatenation()) {
            errors.add(diagnostics.error(d.line(), "an active value is captured by invokedynamic (a lambda or method "
                    + "reference) that leaves the method (passed on, stored, returned, or called other than through "
                    + "its interface method), where its derivative cannot follow it",
                    "call the lambda only in the method that creates it, or pass the value as an argument of the "
                            + "interface method"));
        } else if (insn instanceof Insn.Unary u && u.opcode() == Opcodes.D2F && on(u.operand())) {
            errors.add(diagnostics.error(u.line(), "an active value is converted to float",
                    "compute in double; float arithmetic is not differentiated"));
        }
    }

    private NotDifferentiableException opaqueCall(Insn.Invoke call, String why) {
        String target = Diagnostics.javaMethod(call.owner(), call.name(), call.desc());
        if (call.owner().equals("java/lang/Double") && call.name().equals("valueOf")) {
            return diagnostics.error(call.line(), "an active value is boxed into a Double (" + target
                    + "), where its derivative would be lost",
                    "keep it a primitive double; to print it, pass AD.stopGradient(x)");
        }
        String simple = call.name().equals("<init>") ? "the constructor of " + target.substring(0, target.lastIndexOf(".<init>"))
                : target.substring(0, target.indexOf('('));
        return diagnostics.error(call.line(), "call to " + target + " receives an active value, but " + simple
                + " has no derivative (" + why + ")",
                "mark it @Differentiable, register a derivative for it, or pass AD.stopGradient(x) if no "
                        + "derivative should flow through it");
    }

    private boolean anyActive(List<Var> vars) {
        for (Var v : vars) {
            if (on(v)) {
                return true;
            }
        }
        return false;
    }

    /** For tests and debugging: the active variables by name. */
    static List<String> names(Activity a) {
        List<String> out = new ArrayList<>();
        a.active().forEach(v -> out.add(v.name()));
        out.sort(null);
        return out;
    }
}
