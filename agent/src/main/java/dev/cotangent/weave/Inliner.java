package dev.cotangent.weave;

import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.Var;
import dev.cotangent.weave.lift.Lifter;
import dev.cotangent.weave.lift.ValueNumbering;
import dev.cotangent.weave.lift.Webs;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Replaces calls to methods the weaver differentiates through with the callees' bodies, so
 * that their derivatives are part of the caller's instead of linked at run time.
 *
 * <p>Two callers use it. Every derivative inlines Cotangent's own composite operations
 * ({@code Np.sum(x)}, {@code Np.softmax(x)}, {@code Linalg.norm}…, the {@code @Differentiable}
 * methods of the library): they are small, and code woven ahead of time must not need the
 * weaver at run time for a class in a jar it cannot rewrite. A composite is inlined only if
 * everything its body touches is public, since the derivative runs in the caller's class.
 * Second derivatives inline every callee (see {@link SecondOrder}).
 */
final class Inliner {

    private static final int MAX_DEPTH = 16;

    private final ClassSource classes;
    private final Callees callees;
    private final PublicAccess access;
    /** Library composites by {@code owner.name+desc}: inlinable body (already inlined itself), or absent. */
    private final Map<String, Body> publicBodies = new ConcurrentHashMap<>();
    private final Map<String, Boolean> inlinable = new ConcurrentHashMap<>();

    Inliner(ClassSource classes, Callees callees) {
        this.classes = classes;
        this.callees = callees;
        this.access = new PublicAccess(classes);
    }

    /** {@code body} with every call to a public library composite replaced by the composite's body. */
    Body inlineLibrary(Body body, Diagnostics diagnostics) {
        if (!callsLibraryComposite(body)) {
            return body;
        }
        return splice(body, diagnostics, new ArrayDeque<>(), false);
    }

    /**
     * {@code method} lifted, with every call it differentiates through replaced by the
     * callee's body, recursively.
     *
     * @throws dev.cotangent.NotDifferentiableException for recursion, dynamic dispatch or nesting deeper than 16
     */
    Body inlineAll(String owner, MethodNode method, Diagnostics diagnostics) {
        return inlined(owner, method, diagnostics, new ArrayDeque<>(), true);
    }

    private Body inlined(String owner, MethodNode method, Diagnostics diagnostics, Deque<String> stack,
                         boolean everything) {
        String id = owner + "." + method.name + method.desc;
        if (stack.contains(id)) {
            throw diagnostics.error(-1, "second derivatives through the recursive call to "
                    + Diagnostics.javaMethod(owner, method.name, method.desc) + " are not supported",
                    "write the recursion as a loop");
        }
        if (stack.size() > MAX_DEPTH) {
            throw diagnostics.error(-1, "calls nested more than " + MAX_DEPTH + " deep", "flatten the helpers");
        }
        Body body;
        try {
            body = Lifter.lift(owner, method);
        } catch (Lifter.Unliftable e) {
            throw diagnostics.error(e.line, "the method contains " + e.getMessage() + ", which is not differentiated",
                    "restructure the method");
        }
        Webs.split(body);
        ValueNumbering.run(body);
        if (everything) {
            // A lambda made and called here becomes a call of its body, which can be inlined too.
            LambdaCalls.resolve(body, classes, false);
        }
        stack.push(id);
        try {
            return splice(body, diagnostics, stack, everything);
        } finally {
            stack.pop();
        }
    }

    private Body splice(Body body, Diagnostics diagnostics, Deque<String> stack, boolean everything) {
        Body out = new Body(body.owner(), body.name(), body.descriptor());
        Map<Var, Var> vars = new IdentityHashMap<>();
        UnaryOperator<Var> map = v -> vars.computeIfAbsent(v, k ->
                out.var(k.name().substring(0, k.name().length() - 1), k.kind()));
        for (int i = 0; i < body.params().size(); i++) {
            out.addParam(map.apply(body.params().get(i)), body.paramTypes().get(i));
        }
        Map<Block, Block> blocks = new IdentityHashMap<>();
        for (Block b : body.blocks()) {
            blocks.put(b, out.newBlock());
        }
        BodyBuilder emit = new BodyBuilder(out);
        for (Block b : body.blocks()) {
            emit.at(blocks.get(b));
            for (Insn insn : b.insns()) {
                Body inner = insn instanceof Insn.Invoke call ? callee(call, diagnostics, stack, everything) : null;
                if (inner != null) {
                    Insn.Invoke call = (Insn.Invoke) insn;
                    List<Var> args = call.args().stream().map(map).toList();
                    Var result = call.dst() == null ? out.temp(Kind.INT) : map.apply(call.dst());
                    emit.inline(inner, args, result, call.line());
                } else {
                    emit.add(Rename.insn(insn, map, map));
                }
            }
            emit.exit(Rename.exit(b.exit(), map, blocks::get));
        }
        return out;
    }

    /** The body to put in place of {@code call}, or null to keep the call. */
    private Body callee(Insn.Invoke call, Diagnostics diagnostics, Deque<String> stack, boolean everything) {
        if (!(callees.of(call) instanceof Callee.Method m)) {
            return null;
        }
        if (everything) {
            if (m.virtual()) {
                throw diagnostics.error(call.line(), "second derivatives through the virtual call to "
                        + Diagnostics.javaMethod(call.owner(), call.name(), call.desc()) + " are not supported",
                        "make the method static, private or final");
            }
            MethodNode callee = classes.method(m.owner(), m.name(), m.descriptor()).orElseThrow();
            return inlined(m.owner(), callee, diagnostics, stack, true);
        }
        if (!isLibraryComposite(m)) {
            return null;
        }
        String id = m.owner() + "." + m.name() + m.descriptor();
        Boolean known = inlinable.get(id);
        if (known == null) {
            // Not computeIfAbsent: composites call composites, and the map must not be updated recursively.
            MethodNode callee = classes.method(m.owner(), m.name(), m.descriptor()).orElseThrow();
            Body inner = inlined(m.owner(), callee, diagnostics, stack, false);
            known = access.touchesOnlyPublic(inner);
            if (known) {
                publicBodies.put(id, inner);
            }
            inlinable.put(id, known);
        }
        if (!known) {
            return null;
        }
        return publicBodies.get(id);
    }

    /** Whether calls to the library composite {@code owner.method} are replaced by its body. */
    boolean inlinesLibraryComposite(String owner, MethodNode method, Diagnostics diagnostics) {
        Insn.Invoke call = new Insn.Invoke(null, Opcodes.INVOKESTATIC, owner, method.name, method.desc, false,
                List.of(), -1);
        return callee(call, diagnostics, new ArrayDeque<>(), false) != null;
    }

    private boolean callsLibraryComposite(Body body) {
        for (Block b : body.blocks()) {
            for (Insn insn : b.insns()) {
                if (insn instanceof Insn.Invoke call && callees.of(call) instanceof Callee.Method m
                        && isLibraryComposite(m)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLibraryComposite(Callee.Method m) {
        return m.isStatic() && !m.virtual() && Callees.isLibrary(m.owner());
    }
}
