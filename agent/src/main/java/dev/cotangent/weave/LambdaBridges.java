package dev.cotangent.weave;

import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.LambdaObjects;
import dev.cotangent.weave.ir.Kind;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lambda sites of a class ({@code invokedynamic} bootstrapped by {@code LambdaMetafactory})
 * and their bridges (see {@link LambdaObjects}): for site k and an interface method
 * {@code I.m(P…)R}, the static method {@code cotangent$lambda$k(I lambda, P…)R} that reads the
 * values the lambda captured and calls its body with them and the arguments, as the lambda's
 * own class does. Its derivative is the derivative of a call of that lambda. The bridge exists
 * only for the weaver; it is never added to a class.
 *
 * <p>Rejected (when the bridge is made, naming the lambda's line): a body whose parameters or
 * result are boxed or unboxed from the interface method's ({@code Double} for {@code double}),
 * since the conversion would hide the value from the derivative. Primitive widening
 * ({@code int} to {@code double}…) is done as the lambda's class does it.
 */
public final class LambdaBridges {

    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final String OBJECTS = Type.getInternalName(LambdaObjects.class);

    /**
     * One lambda site of a class.
     *
     * @param index       its position among the class's lambda sites, in the order of its code
     * @param method      the method holding it (name and descriptor)
     * @param line        its source line, or −1
     * @param itf         the interface the lambda implements (internal name)
     * @param name        the interface method's name
     * @param descriptors the erased descriptors the lambda's class implements it with (bridges too)
     * @param body        the method the lambda calls (its body, or the method referenced)
     * @param captured    the types of the values it captures, in order
     * @param staticField the static field of the class it is stored into right away, or null
     */
    public record Site(int index, String method, int line, String itf, String name, List<String> descriptors, Handle body,
                List<Type> captured, String staticField) {

        /** Whether a call of {@code name(descriptor)} on this site's lambdas runs its body. */
        public boolean runs(String callName, String callDescriptor) {
            return name.equals(callName) && descriptors.contains(callDescriptor);
        }
    }

    private LambdaBridges() {}

    /** Whether {@code insn} makes a lambda. */
    static boolean isLambda(InvokeDynamicInsnNode insn) {
        return insn.bsm.getOwner().equals(METAFACTORY);
    }

    /** Whether a bootstrap method makes lambdas. */
    static boolean isLambda(Handle bootstrap) {
        return bootstrap.getOwner().equals(METAFACTORY);
    }

    /** The lambda sites of {@code c}, in the order of its code. */
    public static List<Site> of(ClassNode c) {
        List<Site> sites = new ArrayList<>();
        for (MethodNode m : c.methods) {
            int line = -1;
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof LineNumberNode n) {
                    line = n.line;
                } else if (insn instanceof InvokeDynamicInsnNode d && isLambda(d)) {
                    sites.add(site(c, m, d, sites.size(), line));
                }
            }
        }
        return sites;
    }

    /**
     * The erased descriptors with which a lambda site's objects implement the interface method:
     * the method's own, and for {@code altMetafactory} the bridges it asks for.
     */
    static List<String> descriptors(List<Object> bootstrapArgs) {
        List<String> descriptors = new ArrayList<>();
        descriptors.add(((Type) bootstrapArgs.get(0)).getDescriptor());
        if (bootstrapArgs.size() > 3 && bootstrapArgs.get(3) instanceof Integer flags) {
            // altMetafactory: flags, then (FLAG_MARKERS) marker count and markers, then (FLAG_BRIDGES) bridge count and types.
            int at = 4;
            if ((flags & 2) != 0) {
                at += 1 + (Integer) bootstrapArgs.get(at);
            }
            if ((flags & 4) != 0) {
                int bridges = (Integer) bootstrapArgs.get(at);
                for (int i = 0; i < bridges; i++) {
                    descriptors.add(((Type) bootstrapArgs.get(at + 1 + i)).getDescriptor());
                }
            }
        }
        return List.copyOf(descriptors);
    }

    private static Site site(ClassNode c, MethodNode m, InvokeDynamicInsnNode d, int index, int line) {
        List<String> descriptors = descriptors(List.of(d.bsmArgs));
        String field = null;
        AbstractInsnNode next = d.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        if (next instanceof FieldInsnNode f && f.getOpcode() == Opcodes.PUTSTATIC && f.owner.equals(c.name)) {
            field = f.name;
        }
        return new Site(index, m.name + m.desc, line, Type.getReturnType(d.desc).getInternalName(), d.name,
                descriptors, (Handle) d.bsmArgs[1], List.of(Type.getArgumentTypes(d.desc)), field);
    }

    /**
     * The site whose lambdas a {@code static final} field of {@code c} holds: the one site whose
     * lambda is stored into it, if nothing else is.
     */
    static Optional<Site> ofStaticField(ClassNode c, String field) {
        boolean isFinal = c.fields.stream().anyMatch(f -> f.name.equals(field)
                && (f.access & (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL)) == (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL));
        if (!isFinal) {
            return Optional.empty();
        }
        int stores = 0;
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof FieldInsnNode f && f.getOpcode() == Opcodes.PUTSTATIC && f.owner.equals(c.name)
                        && f.name.equals(field)) {
                    stores++;
                }
            }
        }
        if (stores != 1) {
            return Optional.empty();
        }
        return of(c).stream().filter(s -> field.equals(s.staticField())).findFirst();
    }

    /**
     * The site of {@code c} that made a lambda object of a class implementing {@code interfaces}
     * with {@code name(descriptor)} and capturing values of types {@code captured}; when several
     * do, the one stored into a static field whose value's class {@code fieldClass} says is the
     * lambda's (internal name of the field → whether it holds an object of the lambda's class).
     *
     * @throws NotDifferentiableException when none or several sites fit
     */
    static Site find(ClassNode c, List<String> interfaces, String name, String descriptor, List<String> captured,
                     Function<String, Boolean> fieldHoldsIt) {
        List<Site> fitting = new ArrayList<>();
        for (Site s : of(c)) {
            if (interfaces.contains(s.itf()) && s.runs(name, descriptor)
                    && s.captured().stream().map(Type::getDescriptor).toList().equals(captured)) {
                fitting.add(s);
            }
        }
        if (fitting.size() > 1) {
            List<Site> stored = fitting.stream()
                    .filter(s -> s.staticField() != null && fieldHoldsIt.apply(s.staticField())).toList();
            if (stored.size() == 1) {
                return stored.get(0);
            }
        }
        String what = "a lambda of " + c.name.replace('/', '.') + " implementing "
                + Diagnostics.javaMethod(interfaces.isEmpty() ? "?" : interfaces.get(0), name, descriptor);
        if (fitting.isEmpty()) {
            throw new Diagnostics(c, "<lambda>", "()V").error(-1, what + " is called in differentiated code, but no "
                    + "lambda site of the class makes it (was the class changed after it was compiled?)",
                    "recompile the class, or implement the interface with a named class");
        }
        if (fitting.size() > 1) {
            List<String> lines = fitting.stream().map(s -> s.line() < 0 ? "?" : String.valueOf(s.line())).toList();
            Site first = fitting.get(0);
            throw new Diagnostics(c, first.method().substring(0, first.method().indexOf('(')),
                    first.method().substring(first.method().indexOf('('))).error(first.line(), what
                    + " is called in differentiated code, and the lambdas written at lines " + String.join(", ", lines)
                    + " look alike at run time, so which one it is cannot be told",
                    "store each lambda in a static final field, call it in the method that creates it, or implement "
                            + "the interface with a named class");
        }
        return fitting.get(0);
    }

    /**
     * The bridge of {@code site} for calls of {@code owner.name(descriptor)}: named
     * {@link LambdaObjects#bridge}, taking the lambda and the call's arguments.
     *
     * @throws NotDifferentiableException when the lambda boxes or unboxes its arguments or result
     */
    static MethodNode bridge(ClassNode c, Site site, String owner, String descriptor) {
        String bridgeDescriptor = "(L" + owner + ";" + descriptor.substring(1);
        MethodNode m = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                LambdaObjects.bridge(site.index()), bridgeDescriptor, null, null);
        String siteMethod = site.method().substring(0, site.method().indexOf('('));
        Diagnostics diagnostics = new Diagnostics(c, siteMethod, site.method().substring(siteMethod.length()));
        InsnList code = m.instructions;
        LabelNode start = new LabelNode(new Label());
        code.add(start);
        if (site.line() > 0) {
            code.add(new LineNumberNode(site.line(), start));
        }
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/util/Objects", "requireNonNull",
                "(Ljava/lang/Object;)Ljava/lang/Object;", false));
        code.add(new InsnNode(Opcodes.POP));
        Handle body = site.body();
        List<Type> targets = new ArrayList<>();
        boolean instance = body.getTag() == Opcodes.H_INVOKEVIRTUAL || body.getTag() == Opcodes.H_INVOKEINTERFACE
                || body.getTag() == Opcodes.H_INVOKESPECIAL;
        if (instance) {
            targets.add(Type.getObjectType(body.getOwner()));
        }
        targets.addAll(List.of(Type.getArgumentTypes(body.getDesc())));
        if (body.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
            code.add(new TypeInsnNode(Opcodes.NEW, body.getOwner()));
            code.add(new InsnNode(Opcodes.DUP));
        }
        Type[] params = Type.getArgumentTypes(descriptor);
        if (targets.size() != site.captured().size() + params.length) {
            throw diagnostics.error(site.line(), "the lambda passes " + params.length + " arguments to "
                    + Diagnostics.javaMethod(body.getOwner(), body.getName(), body.getDesc())
                    + " in a way the weaver cannot follow (variable arity)", "call the method with a plain lambda");
        }
        for (int i = 0; i < site.captured().size(); i++) {
            readCaptured(code, i, site.captured().get(i));
        }
        int slot = 1;
        for (int j = 0; j < params.length; j++) {
            Type from = params[j];
            Type to = targets.get(site.captured().size() + j);
            code.add(new VarInsnNode(from.getOpcode(Opcodes.ILOAD), slot));
            slot += from.getSize();
            convert(code, from, to, diagnostics, site, "argument " + (j + 1));
        }
        int opcode = switch (body.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
            default -> Opcodes.INVOKESPECIAL;
        };
        code.add(new MethodInsnNode(opcode, body.getOwner(), body.getName(), body.getDesc(), body.isInterface()));
        Type produced = body.getTag() == Opcodes.H_NEWINVOKESPECIAL ? Type.getObjectType(body.getOwner())
                : Type.getReturnType(body.getDesc());
        Type result = Type.getReturnType(descriptor);
        if (result.getSort() == Type.VOID) {
            if (produced.getSize() > 0) {
                code.add(new InsnNode(produced.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
            }
        } else {
            convert(code, produced, result, diagnostics, site, "the result");
        }
        code.add(new InsnNode(result.getOpcode(Opcodes.IRETURN)));
        m.maxLocals = slot;
        m.maxStack = 4 + 2 * targets.size();
        return m;
    }

    /** Reads the {@code index}-th captured value of the lambda in local 0, as {@code type}. */
    private static void readCaptured(InsnList code, int index, Type type) {
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new LdcInsnNode(index));
        String reader;
        String returned;
        switch (type.getSort()) {
            case Type.DOUBLE -> {
                reader = "capturedDouble";
                returned = "D";
            }
            case Type.FLOAT -> {
                reader = "capturedFloat";
                returned = "F";
            }
            case Type.LONG -> {
                reader = "capturedLong";
                returned = "J";
            }
            case Type.OBJECT, Type.ARRAY -> {
                reader = "captured";
                returned = "Ljava/lang/Object;";
            }
            default -> {
                reader = "capturedInt";
                returned = "I";
            }
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, OBJECTS, reader, "(Ljava/lang/Object;I)" + returned, false));
        if (returned.startsWith("L") && !type.getDescriptor().equals(returned)) {
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, type.getInternalName()));
        }
    }

    /**
     * The opcode that widens a primitive {@code from} to {@code to} as a method call's argument
     * may be widened ({@code I2D}…), 0 when they compute alike, −1 when neither.
     */
    static int widening(Type from, Type to) {
        Kind a = Kind.of(from);
        Kind b = Kind.of(to);
        if (a == b) {
            return 0;
        }
        return switch (a) {
            case INT -> b == Kind.LONG ? Opcodes.I2L : b == Kind.FLOAT ? Opcodes.I2F : Opcodes.I2D;
            case LONG -> b == Kind.FLOAT ? Opcodes.L2F : b == Kind.DOUBLE ? Opcodes.L2D : -1;
            case FLOAT -> b == Kind.DOUBLE ? Opcodes.F2D : -1;
            default -> -1;
        };
    }

    /** The value on the stack, of type {@code from}, as {@code to}: a cast, a widening, or nothing. */
    private static void convert(InsnList code, Type from, Type to, Diagnostics diagnostics, Site site, String what) {
        boolean fromRef = from.getSort() >= Type.ARRAY;
        boolean toRef = to.getSort() >= Type.ARRAY;
        if (fromRef && toRef) {
            if (!from.equals(to) && !to.getInternalName().equals("java/lang/Object")) {
                code.add(new TypeInsnNode(Opcodes.CHECKCAST, to.getInternalName()));
            }
            return;
        }
        int widening = fromRef || toRef || from.getSort() == Type.VOID ? -1 : widening(from, to);
        if (widening > 0) {
            code.add(new InsnNode(widening));
        } else if (widening < 0) {
            throw diagnostics.error(site.line(), "the lambda converts " + what + " from " + from.getClassName()
                    + " to " + to.getClassName() + " (boxing or unboxing) to call "
                    + Diagnostics.javaMethod(site.body().getOwner(), site.body().getName(), site.body().getDesc())
                    + ", which hides the value from the derivative",
                    "declare the interface method with the types the lambda computes with (double, not Double)");
        }
    }
}
