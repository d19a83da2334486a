package dev.cotangent.weave;

import dev.cotangent.primitive.Lambdas;
import dev.cotangent.primitive.MethodKey;
import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Registry;
import dev.cotangent.primitive.Rule;
import dev.cotangent.primitive.TangentTerms;
import dev.cotangent.tensor.Tensor;
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
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bodies of the registry's tensor derivative values, made into code that can be spliced
 * into a method and differentiated again: second derivatives need {@code ∂d(x)/∂x}, and a
 * derivative value is a lambda over {@code Np}, whose operations are primitives.
 *
 * <p>A value is declared as a lambda of the {@link dev.cotangent.primitive.Call}; its body
 * becomes a method of the call's arguments and result. {@code c.tensor(0)} becomes the first
 * argument, {@code c.y()} the result, {@code c.shape(1)} the second argument's shape; the
 * registry's private helpers are inlined, elementwise values given as lambdas of {@code (x, y)}
 * are inlined through the lambda that captures them, and private rank-0 constants become
 * {@code Tensor.scalar}. What cannot be made public code is refused with the reason.
 */
public final class TensorRuleBodies {

    private static final String CALL = "dev/cotangent/primitive/Call";
    private static final String TENSOR = Type.getInternalName(Tensor.class);
    private static final int MAX_DEPTH = 16;

    /** Why a derivative value cannot be spliced. */
    public static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private final Map<String, Object> bodies = new ConcurrentHashMap<>();

    /**
     * The body of term {@code term} of the rule for argument {@code argument} of {@code p}
     * (for output {@code output} of a primitive with several, −1 otherwise): parameters are the
     * primitive's, then its result; it returns the {@code Tensor[]} of derivative values.
     *
     * @throws Unsupported with the reason when the value cannot be spliced into public code
     */
    public Body of(Primitive p, int argument, int output, int term) throws Unsupported {
        Object built = bodies.computeIfAbsent(p.name() + "/" + argument + "/" + output + "/" + term, k -> {
            try {
                return build(p, argument, output, term);
            } catch (Unsupported e) {
                return e;
            }
        });
        if (built instanceof Unsupported e) {
            throw new Unsupported(e.getMessage());
        }
        return (Body) built;
    }

    private Body build(Primitive p, int argument, int output, int term) throws Unsupported {
        if (!(TangentTerms.bilinear(p, argument, output) instanceof Rule.Bilinear b)) {
            throw new IllegalArgumentException(p.name() + ": argument " + argument + " has no einsum terms");
        }
        Object value = b.terms().get(term).d();
        ClassSource classes = ClassSource.of(value.getClass().getClassLoader());
        Splicer splicer = new Splicer(classes, p);
        Lambda lambda = Lambda.of(value);
        Body lifted = splicer.lift(lambda.impl());
        Object[] bindings = new Object[lifted.params().size()];
        for (int i = 0; i < lambda.captured().length; i++) {
            bindings[i] = lambda.captured()[i];
        }
        if (bindings.length != lambda.captured().length + 1) {
            throw new Unsupported("its derivative value is not a lambda of the call alone");
        }
        bindings[bindings.length - 1] = CallBinding.INSTANCE;
        Body body = splicer.rewrite(lifted, bindings, 0);
        for (Block block : body.blocks()) {
            for (Insn insn : block.insns()) {
                if (!splicer.access.publicTarget(insn)) {
                    throw new Unsupported("its derivative value uses " + describe(insn) + ", which is not public");
                }
            }
        }
        return body;
    }

    private static String describe(Insn insn) {
        if (insn instanceof Insn.Invoke call) {
            return Diagnostics.javaMethod(call.owner(), call.name(), call.desc());
        }
        if (insn instanceof Insn.GetField get) {
            return "the field " + get.owner().replace('/', '.') + "." + get.name();
        }
        return insn.toString();
    }

    /** A parameter bound to the call itself: it expands to the call's arguments and result. */
    private enum CallBinding { INSTANCE }

    /** A serializable lambda: the static method holding its body, and what it captured. */
    private record Lambda(MethodKey impl, Object[] captured) {
        static Lambda of(Object value) throws Unsupported {
            SerializedLambda s;
            try {
                s = Lambdas.serialized(value);
            } catch (RuntimeException e) {
                s = null;
            }
            if (s == null) {
                throw new Unsupported("its derivative value is not a lambda (" + value.getClass().getName() + ")");
            }
            if (s.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic) {
                throw new Unsupported("its derivative value is a method reference to an instance method");
            }
            return new Lambda(Lambdas.implementation(s), Lambdas.captured(s));
        }
    }

    /** Rewrites one derivative value's body and what it calls. */
    private static final class Splicer {
        private final ClassSource classes;
        private final PublicAccess access;
        private final Primitive primitive;
        private final Type[] callTypes;

        Splicer(ClassSource classes, Primitive primitive) {
            this.classes = classes;
            this.access = new PublicAccess(classes);
            this.primitive = primitive;
            Class<?>[] params = primitive.method().getParameterTypes();
            this.callTypes = new Type[params.length + 1];
            for (int i = 0; i < params.length; i++) {
                callTypes[i] = Type.getType(params[i]);
            }
            callTypes[params.length] = Type.getType(primitive.method().getReturnType());
        }

        Body lift(MethodKey key) throws Unsupported {
            MethodNode m = classes.method(key.owner(), key.name(), key.descriptor()).orElseThrow(() ->
                    new Unsupported("the bytecode of " + key.display() + " cannot be read"));
            Body body;
            try {
                body = Lifter.lift(key.owner(), m);
            } catch (Lifter.Unliftable e) {
                throw new Unsupported("its derivative value " + key.display() + " contains " + e.getMessage());
            }
            Webs.split(body);
            ValueNumbering.run(body);
            return body;
        }

        /**
         * {@code body} with each parameter bound as {@code bindings} says: {@code null} keeps
         * it, the call binding expands it into the call's arguments and result, a captured
         * lambda removes it (calls on it are inlined).
         */
        Body rewrite(Body body, Object[] bindings, int depth) throws Unsupported {
            if (depth > MAX_DEPTH) {
                throw new Unsupported("its derivative value nests helpers more than " + MAX_DEPTH + " deep");
            }
            // The parameters that remain: kept ones as they are, the call as its arguments and result.
            StringBuilder descriptor = new StringBuilder("(");
            List<Type> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            boolean callExpanded = false;
            for (int i = 0; i < body.params().size(); i++) {
                if (bindings[i] == null) {
                    types.add(body.paramTypes().get(i));
                    names.add(strip(body.params().get(i)));
                } else if (bindings[i] == CallBinding.INSTANCE && !callExpanded) {
                    callExpanded = true;
                    for (int k = 0; k < callTypes.length; k++) {
                        types.add(callTypes[k]);
                        names.add(k < callTypes.length - 1 ? "arg" + k : "result");
                    }
                }
            }
            types.forEach(t -> descriptor.append(t.getDescriptor()));
            descriptor.append(')').append(body.returnType().getDescriptor());
            Body result = new Body(body.owner(), body.name(), descriptor.toString());
            List<Var> params = new ArrayList<>();
            for (int k = 0; k < types.size(); k++) {
                Var v = result.var(names.get(k), Kind.of(types.get(k)));
                result.addParam(v, types.get(k));
                params.add(v);
            }
            Map<Var, Var> vars = new IdentityHashMap<>();
            Map<Var, Object> special = new IdentityHashMap<>();
            List<Var> call = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < body.params().size(); i++) {
                Var param = body.params().get(i);
                if (bindings[i] == null) {
                    vars.put(param, params.get(next++));
                } else if (bindings[i] == CallBinding.INSTANCE) {
                    if (call.isEmpty()) {
                        call.addAll(params.subList(next, next + callTypes.length));
                        next += callTypes.length;
                    }
                    special.put(param, CallBinding.INSTANCE);
                } else {
                    special.put(param, bindings[i]);
                }
            }
            Map<Var, Object> constants = constants(body);
            Map<Block, Block> blocks = new IdentityHashMap<>();
            for (Block b : body.blocks()) {
                blocks.put(b, result.newBlock());
            }
            java.util.function.UnaryOperator<Var> map = v -> vars.computeIfAbsent(v, k -> result.var(strip(k), k.kind()));
            BodyBuilder emit = new BodyBuilder(result);
            for (Block b : body.blocks()) {
                emit.at(blocks.get(b));
                for (Insn insn : b.insns()) {
                    rewrite(insn, special, constants, call, map, emit, depth);
                }
                for (Var used : Rename.uses(b.exit())) {
                    if (special.containsKey(used)) {
                        throw new Unsupported("its derivative value returns or branches on the call itself");
                    }
                }
                emit.exit(Rename.exit(b.exit(), map, blocks::get));
            }
            return result;
        }

        private void rewrite(Insn insn, Map<Var, Object> special, Map<Var, Object> constants, List<Var> call,
                             java.util.function.UnaryOperator<Var> map, BodyBuilder emit, int depth) throws Unsupported {
            int line = insn.line();
            if (insn instanceof Insn.Move m && special.containsKey(m.src())) {
                special.put(m.dst(), special.get(m.src()));
                return;
            }
            if (insn instanceof Insn.CheckCast c && special.containsKey(c.src())) {
                special.put(c.dst(), special.get(c.src()));
                return;
            }
            if (insn instanceof Insn.Invoke invoke && !invoke.args().isEmpty() && !invoke.isStatic()
                    && special.get(invoke.args().get(0)) == CallBinding.INSTANCE && invoke.owner().equals(CALL)) {
                accessor(invoke, constants, call, map, emit);
                return;
            }
            Object receiver = insn instanceof Insn.Invoke invoke && !invoke.isStatic() && !invoke.args().isEmpty()
                    ? special.get(invoke.args().get(0)) : null;
            if (receiver != null && receiver != CallBinding.INSTANCE) {
                Insn.Invoke invoke = (Insn.Invoke) insn;
                // A call on a captured lambda (an elementwise value inside the table's wrapper).
                Lambda inner = Lambda.of(receiver);
                if (inner.captured().length != 0) {
                    throw new Unsupported("its derivative value calls a lambda that captures values");
                }
                Body callee = rewrite(lift(inner.impl()), new Object[invoke.args().size() - 1], depth + 1);
                List<Var> args = new ArrayList<>();
                for (Var a : invoke.args().subList(1, invoke.args().size())) {
                    args.add(plain(a, special, map));
                }
                emit.inline(callee, args, invoke.dst() == null ? emit.body().temp(Kind.INT) : map.apply(invoke.dst()),
                        line);
                return;
            }
            if (insn instanceof Insn.Invoke invoke && invoke.isStatic() && helper(invoke, special)) {
                Body lifted = lift(new MethodKey(invoke.owner(), invoke.name(), invoke.desc()));
                Object[] bindings = new Object[invoke.args().size()];
                List<Var> args = new ArrayList<>();
                for (int i = 0; i < bindings.length; i++) {
                    Var a = invoke.args().get(i);
                    bindings[i] = special.get(a);
                    if (bindings[i] == CallBinding.INSTANCE) {
                        args.addAll(call);
                    } else if (bindings[i] == null) {
                        args.add(map.apply(a));
                    }
                }
                Body callee = rewrite(lifted, bindings, depth + 1);
                emit.inline(callee, args, invoke.dst() == null ? emit.body().temp(Kind.INT) : map.apply(invoke.dst()),
                        line);
                return;
            }
            for (Var used : insn.uses()) {
                if (special.containsKey(used)) {
                    throw new Unsupported("its derivative value passes the call (or a captured lambda) to " + describe(insn));
                }
            }
            if (insn instanceof Insn.GetField get && get.opcode() == Opcodes.GETSTATIC && !access.publicTarget(get)) {
                constant(get, map, emit);
                return;
            }
            emit.add(Rename.insn(insn, map, map));
        }

        private static String strip(Var v) {
            return v.name().substring(0, v.name().length() - 1);
        }

        private static Var plain(Var a, Map<Var, Object> special, java.util.function.UnaryOperator<Var> map)
                throws Unsupported {
            if (special.containsKey(a)) {
                throw new Unsupported("its derivative value passes the call to a lambda");
            }
            return map.apply(a);
        }

        /**
         * Whether a static call is to one of the registry's own helpers, to be inlined: it is
         * not a primitive, and is either not public or is passed the call or a lambda.
         */
        private boolean helper(Insn.Invoke invoke, Map<Var, Object> special) {
            MethodKey key = new MethodKey(invoke.owner(), invoke.name(), invoke.desc());
            if (Registry.lookup(key) != null || Registry.scalar(key) != null) {
                return false;
            }
            for (Var a : invoke.args()) {
                if (special.containsKey(a)) {
                    return true;
                }
            }
            return classes.method(invoke.owner(), invoke.name(), invoke.desc())
                    .map(m -> (m.access & Opcodes.ACC_PUBLIC) == 0).orElse(false);
        }

        /** {@code c.tensor(i)}, {@code c.y()}, {@code c.shape(i)}…: the argument or result itself. */
        private void accessor(Insn.Invoke invoke, Map<Var, Object> constants, List<Var> call,
                              java.util.function.UnaryOperator<Var> map, BodyBuilder emit) throws Unsupported {
            int line = invoke.line();
            Var dst = invoke.dst() == null ? emit.body().temp(Kind.INT) : map.apply(invoke.dst());
            Var result = call.get(call.size() - 1);
            String name = invoke.name();
            if (name.equals("y") && invoke.args().size() == 1 || name.equals("ans")) {
                emit.add(new Insn.Move(dst, result, line));
                return;
            }
            if (name.equals("y")) {
                emit.add(new Insn.ArrayLoad(dst, Opcodes.AALOAD, result, map.apply(invoke.args().get(1)),
                        Type.getType(Tensor[].class), line));
                return;
            }
            if (invoke.args().size() != 2) {
                throw new Unsupported("its derivative value reads the call with " + name + "()");
            }
            Object index = constants.get(invoke.args().get(1));
            if (!(index instanceof Integer i) || i < 0 || i >= call.size() - 1) {
                throw new Unsupported("its derivative value reads an argument of the call by a computed index");
            }
            Var arg = call.get(i);
            switch (name) {
                case "tensor", "tensors", "ints", "string", "integer", "bool", "real" ->
                        emit.add(new Insn.Move(dst, arg, line));
                case "shape" -> emit.add(new Insn.Invoke(dst, Opcodes.INVOKEVIRTUAL, TENSOR, "shape", "()[I", false,
                        List.of(arg), line));
                case "ndim" -> emit.add(new Insn.Invoke(dst, Opcodes.INVOKEVIRTUAL, TENSOR, "ndim", "()I", false,
                        List.of(arg), line));
                default -> throw new Unsupported("its derivative value reads the call with " + name + "()");
            }
        }

        /** A private rank-0 tensor constant of the registry, written as {@code Tensor.scalar(value)}. */
        private void constant(Insn.GetField get, java.util.function.UnaryOperator<Var> map, BodyBuilder emit)
                throws Unsupported {
            Object value;
            try {
                Class<?> owner = Class.forName(get.owner().replace('/', '.'), true,
                        primitive.method().getDeclaringClass().getClassLoader());
                Field f = owner.getDeclaredField(get.name());
                if (!Modifier.isFinal(f.getModifiers())) {
                    throw new Unsupported("its derivative value reads the non-final field " + get.name());
                }
                f.setAccessible(true);
                value = f.get(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new Unsupported("its derivative value reads the field " + get.name() + ", which is not public");
            }
            if (!(value instanceof Tensor t) || t.ndim() != 0) {
                throw new Unsupported("its derivative value reads the private constant " + get.name()
                        + ", which is not a rank-0 tensor");
            }
            Var real = emit.body().temp(Kind.DOUBLE);
            emit.add(new Insn.Const(real, t.item(), get.line()));
            emit.add(new Insn.Invoke(map.apply(get.dst()), Opcodes.INVOKESTATIC, TENSOR, "scalar",
                    "(D)L" + TENSOR + ";", false, List.of(real), get.line()));
        }

        /** Variables defined once, by a constant or a copy of such a variable. */
        private static Map<Var, Object> constants(Body body) {
            Map<Var, Object> values = new HashMap<>();
            Map<Var, Integer> defs = new HashMap<>();
            List<Insn.Move> moves = new ArrayList<>();
            for (Block b : body.blocks()) {
                for (Insn insn : b.insns()) {
                    Var d = insn.def();
                    if (d != null) {
                        defs.merge(d, 1, Integer::sum);
                        if (insn instanceof Insn.Const c && c.value() != null) {
                            values.put(d, c.value());
                        } else if (insn instanceof Insn.Move m) {
                            moves.add(m);
                        }
                    }
                }
            }
            values.keySet().removeIf(v -> defs.get(v) != 1);
            for (boolean changed = true; changed; ) {
                changed = false;
                for (Insn.Move m : moves) {
                    if (defs.get(m.dst()) == 1 && !values.containsKey(m.dst()) && values.containsKey(m.src())) {
                        values.put(m.dst(), values.get(m.src()));
                        changed = true;
                    }
                }
            }
            return values;
        }
    }
}
