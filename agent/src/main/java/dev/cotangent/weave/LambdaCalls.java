package dev.cotangent.weave;

import dev.cotangent.runtime.LambdaObjects;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls of lambdas (and method references) whose making the weaver can see, resolved before
 * the activity analysis so that the lambda's body is differentiated like any other callee:
 *
 * <ul>
 * <li>A lambda made in the method itself, when every value the receiver of a call of its
 *     interface method may hold comes from that one lambda site: the call becomes a call of
 *     the lambda's body with the values the lambda captured and the call's arguments. The
 *     captured values are copied where the lambda is made (and the copies follow the lambda
 *     through moves), so they may carry derivatives, as {@code double s = x[0]; Kernel k =
 *     (a, b) -> s * a * b;} needs. When nothing else uses the lambda object, it is not made
 *     at all; when something does (it is passed on, stored, returned), it stays, and the
 *     activity analysis rejects it if it captured an active value, since its derivative
 *     cannot follow it there.</li>
 * <li>A lambda read from a {@code static final} field that one lambda site initialises (in
 *     any class whose bytes can be read): the call's derivative is that of the site's bridge
 *     ({@link LambdaBridges}), named at weave time, so the Maven plugin weaves it too. The
 *     captured values are constants there.</li>
 * </ul>
 *
 * <p>Other calls of interface methods stay virtual; a lambda object reaching one is found at
 * run time ({@code runtime.Dispatch}). Calls that would need boxing or unboxing between the
 * interface method and the body are left to that path, which rejects them (primitive widening
 * is done here as the lambda's class does it).
 */
final class LambdaCalls {

    /** The body (changed in place) and the calls whose callee is a lambda's bridge. */
    record Result(Body body, Map<Insn.Invoke, Callee> resolved) {}

    /** A static field, as the origin of a reference. */
    private record StaticField(String owner, String name) {}

    private static final Object MIXED = new Object();

    private final Body body;
    private final ClassSource classes;
    private final Map<Var, Object> origin = new HashMap<>();
    private final Map<Insn.Invoke, Callee> resolved = new IdentityHashMap<>();
    private final Map<StaticField, Optional<LambdaBridges.Site>> fieldSites = new HashMap<>();

    private LambdaCalls(Body body, ClassSource classes) {
        this.body = body;
        this.classes = classes;
    }

    /**
     * Resolves the lambda calls of {@code body}, changing it in place. With {@code noteSites},
     * each lambda that stays (it is handed on) is followed by an {@code invokedynamic} linked by
     * {@code LambdaObjects.made}, so that wherever it goes its site is known.
     */
    static Result resolve(Body body, ClassSource classes, boolean noteSites) {
        LambdaCalls calls = new LambdaCalls(body, classes);
        if (calls.hasLambdaOrStaticRead()) {
            calls.origins();
            calls.rewriteLocalLambdas();
            calls.resolveStaticFieldLambdas();
            if (noteSites) {
                calls.noteSites();
            }
        }
        return new Result(body, calls.resolved);
    }

    private boolean hasLambdaOrStaticRead() {
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                if (i instanceof Insn.InvokeDynamic d && LambdaBridges.isLambda(d.bootstrap())
                        || i instanceof Insn.GetField g && g.opcode() == Opcodes.GETSTATIC && g.dst().kind() == Kind.REF) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ where references come from

    /**
     * For each reference variable, the one place every value it may hold comes from: a
     * lambda site of this body, or a static field; {@link #MIXED} when there are several or
     * another. Moves and casts pass the origin on.
     */
    private void origins() {
        for (Var p : body.params()) {
            origin.put(p, MIXED);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : body.blocks()) {
                for (Insn i : b.insns()) {
                    Var d = i.def();
                    if (d == null || d.kind() != Kind.REF) {
                        continue;
                    }
                    Object o;
                    if (i instanceof Insn.InvokeDynamic s && LambdaBridges.isLambda(s.bootstrap())) {
                        o = s;
                    } else if (i instanceof Insn.Move m) {
                        o = origin.get(m.src());
                    } else if (i instanceof Insn.CheckCast c) {
                        o = origin.get(c.src());
                    } else if (i instanceof Insn.GetField g && g.opcode() == Opcodes.GETSTATIC) {
                        o = new StaticField(g.owner(), g.name());
                    } else {
                        o = MIXED;
                    }
                    if (o == null) {
                        continue;
                    }
                    Object current = origin.get(d);
                    Object next = current == null || same(current, o) ? o : MIXED;
                    if (current == null || !same(current, next)) {
                        origin.put(d, next);
                        changed = true;
                    }
                }
            }
        }
    }

    private static boolean same(Object a, Object b) {
        return a == b || a instanceof StaticField && a.equals(b);
    }

    // ------------------------------------------------------------------ lambdas made here

    private void rewriteLocalLambdas() {
        Map<Insn.InvokeDynamic, List<Insn.Invoke>> callsOf = new IdentityHashMap<>();
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                if (i instanceof Insn.Invoke call && !call.isStatic() && origin.get(call.args().get(0))
                        instanceof Insn.InvokeDynamic site && runs(site, call) && target(site, call) != null) {
                    callsOf.computeIfAbsent(site, k -> new ArrayList<>()).add(call);
                }
            }
        }
        callsOf.forEach(this::rewrite);
    }

    /** Whether calling {@code call}'s method on a lambda of {@code site} runs the lambda's body. */
    private static boolean runs(Insn.InvokeDynamic site, Insn.Invoke call) {
        return site.name().equals(call.name()) && LambdaBridges.descriptors(site.bootstrapArgs()).contains(call.desc());
    }

    /**
     * The parameter types of the lambda's body, the receiver first for an instance method, if
     * the call's arguments and result reach it by casts of references only; otherwise null.
     */
    private static List<Type> target(Insn.InvokeDynamic site, Insn.Invoke call) {
        Handle h = (Handle) site.bootstrapArgs().get(1);
        if (h.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
            return null;
        }
        List<Type> targets = new ArrayList<>();
        if (h.getTag() != Opcodes.H_INVOKESTATIC) {
            targets.add(Type.getObjectType(h.getOwner()));
        }
        targets.addAll(List.of(Type.getArgumentTypes(h.getDesc())));
        Type[] captured = Type.getArgumentTypes(site.desc());
        Type[] params = Type.getArgumentTypes(call.desc());
        if (targets.size() != captured.length + params.length) {
            return null;
        }
        for (int i = 0; i < targets.size(); i++) {
            Type from = i < captured.length ? captured[i] : params[i - captured.length];
            if (!convertible(from, targets.get(i))) {
                return null;
            }
        }
        Type produced = Type.getReturnType(h.getDesc());
        Type result = Type.getReturnType(call.desc());
        return result.getSort() == Type.VOID || convertible(produced, result) ? targets : null;
    }

    private static boolean convertible(Type from, Type to) {
        boolean fromRef = from.getSort() >= Type.ARRAY;
        boolean toRef = to.getSort() >= Type.ARRAY;
        return fromRef && toRef || !fromRef && !toRef && from.getSort() != Type.VOID && to.getSort() != Type.VOID
                && LambdaBridges.widening(from, to) >= 0;
    }

    /** Replaces the calls of the lambdas of {@code site} by calls of its body; drops the lambda if nothing else uses it. */
    private void rewrite(Insn.InvokeDynamic site, List<Insn.Invoke> calls) {
        Set<Var> closure = new HashSet<>();
        origin.forEach((v, o) -> {
            if (o == site) {
                closure.add(v);
            }
        });
        Type[] capturedTypes = Type.getArgumentTypes(site.desc());
        Map<Var, List<Var>> copies = new HashMap<>();
        for (Var v : closure) {
            List<Var> c = new ArrayList<>();
            for (Type t : capturedTypes) {
                c.add(body.temp(Kind.of(t)));
            }
            copies.put(v, c);
        }
        Set<Insn> rewritten = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        rewritten.addAll(calls);
        boolean escapes = escapes(closure, rewritten);
        for (Block b : body.blocks()) {
            List<Insn> out = new ArrayList<>();
            for (Insn i : b.insns()) {
                if (i == site) {
                    if (escapes) {
                        out.add(i);
                    }
                    for (int k = 0; k < capturedTypes.length; k++) {
                        out.add(new Insn.Move(copies.get(site.dst()).get(k), site.args().get(k), i.line()));
                    }
                } else if (closureCopy(i, closure)) {
                    if (escapes) {
                        out.add(i);
                    }
                    Var from = i instanceof Insn.Move m ? m.src() : ((Insn.CheckCast) i).src();
                    for (int k = 0; k < capturedTypes.length; k++) {
                        out.add(new Insn.Move(copies.get(i.def()).get(k), copies.get(from).get(k), i.line()));
                    }
                } else if (rewritten.contains(i)) {
                    callBody(site, (Insn.Invoke) i, copies.get(((Insn.Invoke) i).args().get(0)), out);
                } else {
                    out.add(i);
                }
            }
            b.insns().clear();
            b.insns().addAll(out);
        }
    }

    /** Whether a lambda of the closure is used other than by the calls rewritten and the moves between its copies. */
    private boolean escapes(Set<Var> closure, Set<Insn> rewritten) {
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                if (closureCopy(i, closure)) {
                    continue;
                }
                List<Var> uses = rewritten.contains(i) ? i.uses().subList(1, i.uses().size()) : i.uses();
                if (uses.stream().anyMatch(closure::contains)) {
                    return true;
                }
            }
            if (exitUses(b.exit()).stream().anyMatch(closure::contains)) {
                return true;
            }
        }
        return false;
    }

    private static boolean closureCopy(Insn i, Set<Var> closure) {
        return (i instanceof Insn.Move || i instanceof Insn.CheckCast) && closure.contains(i.def());
    }

    private static List<Var> exitUses(Exit exit) {
        List<Var> uses = new ArrayList<>();
        if (exit instanceof Exit.Branch br) {
            uses.add(br.left());
            if (br.right() != null) {
                uses.add(br.right());
            }
        } else if (exit instanceof Exit.Switch s) {
            uses.add(s.key());
        } else if (exit instanceof Exit.Return r && r.value() != null) {
            uses.add(r.value());
        } else if (exit instanceof Exit.Throw t) {
            uses.add(t.exception());
        }
        return uses;
    }

    /** {@code dst = body(captured…, arguments…)}, with the casts between the interface method's types and the body's. */
    private void callBody(Insn.InvokeDynamic site, Insn.Invoke call, List<Var> captured, List<Insn> out) {
        Handle h = (Handle) site.bootstrapArgs().get(1);
        List<Type> targets = target(site, call);
        Type[] capturedTypes = Type.getArgumentTypes(site.desc());
        Type[] params = Type.getArgumentTypes(call.desc());
        int line = call.line();
        List<Var> args = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            boolean isCaptured = i < capturedTypes.length;
            Var v = isCaptured ? captured.get(i) : call.args().get(1 + i - capturedTypes.length);
            Type from = isCaptured ? capturedTypes[i] : params[i - capturedTypes.length];
            args.add(cast(v, from, targets.get(i), line, out));
        }
        int opcode = switch (h.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
            default -> Opcodes.INVOKESPECIAL;
        };
        Type produced = Type.getReturnType(h.getDesc());
        Type result = Type.getReturnType(call.desc());
        Var dst = call.dst();
        Var into = produced.getSort() == Type.VOID ? null
                : dst == null || !produced.equals(result) ? body.temp(Kind.of(produced)) : dst;
        out.add(new Insn.Invoke(into, opcode, h.getOwner(), h.getName(), h.getDesc(), h.isInterface(), args, line));
        if (dst != null && into != dst) {
            out.add(new Insn.Move(dst, cast(into, produced, result, line, out), line));
        }
    }

    /** {@code v} of type {@code from} as a {@code to}: itself, a cast reference, or a widened primitive. */
    private Var cast(Var v, Type from, Type to, int line, List<Insn> out) {
        if (from.getSort() < Type.ARRAY) {
            int widening = LambdaBridges.widening(from, to);
            if (widening == 0) {
                return v;
            }
            Var w = body.temp(Kind.of(to));
            out.add(new Insn.Unary(w, widening, v, line));
            return w;
        }
        if (from.equals(to) || to.getInternalName().equals("java/lang/Object")) {
            return v;
        }
        Var c = body.temp(Kind.REF);
        out.add(new Insn.CheckCast(c, v, to.getInternalName(), line));
        return c;
    }

    // ------------------------------------------------------------------ lambdas handed on

    /** After each lambda site left in the body, the note of its site number ({@code LambdaObjects.made}), when known. */
    private void noteSites() {
        Optional<ClassNode> owner = classes.find(body.owner());
        if (owner.isEmpty()) {
            return;
        }
        String method = body.name() + body.descriptor();
        List<LambdaBridges.Site> sites = LambdaBridges.of(owner.get()).stream()
                .filter(s -> s.method().equals(method)).toList();
        for (Block b : body.blocks()) {
            List<Insn> out = new ArrayList<>();
            for (Insn i : b.insns()) {
                out.add(i);
                if (i instanceof Insn.InvokeDynamic d && LambdaBridges.isLambda(d.bootstrap()) && d.dst() != null) {
                    List<LambdaBridges.Site> same = sites.stream().filter(s -> sameSite(s, d)).toList();
                    if (same.size() == 1) {
                        out.add(new Insn.InvokeDynamic(null, "made", "(Ljava/lang/Object;)V", MADE,
                                List.of(same.get(0).index()), List.of(d.dst()), d.line()));
                    }
                }
            }
            b.insns().clear();
            b.insns().addAll(out);
        }
    }

    private static boolean sameSite(LambdaBridges.Site s, Insn.InvokeDynamic d) {
        return s.line() == d.line() && s.body().equals(d.bootstrapArgs().get(1)) && s.name().equals(d.name())
                && s.descriptors().get(0).equals(((Type) d.bootstrapArgs().get(0)).getDescriptor())
                && s.captured().equals(List.of(Type.getArgumentTypes(d.desc())));
    }

    private static final Handle MADE = new Handle(Opcodes.H_INVOKESTATIC, "dev/cotangent/runtime/LambdaObjects", "made",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
                    + "Ljava/lang/invoke/CallSite;", false);

    // ------------------------------------------------------------------ lambdas in static final fields

    private void resolveStaticFieldLambdas() {
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                // A lambda implements an interface; the JDK's own fields (System.out…) are not looked into.
                if (i instanceof Insn.Invoke call && call.opcode() == Opcodes.INVOKEINTERFACE
                        && origin.get(call.args().get(0)) instanceof StaticField f && !isJdk(f.owner())) {
                    site(f).filter(s -> s.runs(call.name(), call.desc())).ifPresent(s -> resolved.put(call,
                            new Callee.Method(f.owner(), LambdaObjects.bridge(s.index()),
                                    "(L" + call.owner() + ";" + call.desc().substring(1), true, false)));
                }
            }
        }
    }

    private Optional<LambdaBridges.Site> site(StaticField f) {
        return fieldSites.computeIfAbsent(f, k -> {
            Optional<ClassNode> c = classes.find(k.owner());
            return c.isEmpty() ? Optional.empty() : LambdaBridges.ofStaticField(c.get(), k.name());
        });
    }

    private static boolean isJdk(String owner) {
        return owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/")
                || owner.startsWith("sun/") || owner.startsWith("com/sun/");
    }
}
