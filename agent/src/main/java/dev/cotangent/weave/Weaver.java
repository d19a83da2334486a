package dev.cotangent.weave;

import dev.cotangent.NotDifferentiableException;
import dev.cotangent.primitive.Registry;
import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.LambdaObjects;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.activity.Activity;
import dev.cotangent.weave.activity.ActivityAnalysis;
import dev.cotangent.weave.adjoint.AdjointBuilder;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.lift.Lifter;
import dev.cotangent.weave.lift.ValueNumbering;
import dev.cotangent.weave.lift.Webs;
import dev.cotangent.weave.lower.ClassHierarchy;
import dev.cotangent.weave.lower.Cleanup;
import dev.cotangent.weave.lower.FrameComputingWriter;
import dev.cotangent.weave.lower.MethodSplitter;
import dev.cotangent.weave.tangent.TangentBuilder;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The weaver: class bytes in, derivative code out. Every way of weaving uses it — the
 * {@code -javaagent} at load time ({@link #weave}), the Maven plugin ahead of time (the
 * same), and {@code AD} at run time when neither ran ({@link #companion}). Its output is
 * deterministic: the same input bytes give the same output bytes. It only adds: the methods a
 * class already has keep their bytes, and the frames of generated code are computed against
 * the class hierarchy of the {@link ClassSource}, read without loading classes (see
 * {@link FrameComputingWriter}).
 *
 * <p>Each derivative goes through the same stages, one package each: {@code lift}
 * (bytecode to register form, split into webs), {@code activity}, {@code tangent} or
 * {@code adjoint}, and {@code lower} (back to bytecode).
 */
public final class Weaver {

    private static final byte[] DIFFERENTIABLE =
            "Ldev/cotangent/Differentiable;".getBytes(StandardCharsets.UTF_8);

    private final ClassSource classes;
    private final ClassHierarchy hierarchy;
    private final Callees callees;
    private final RuleBodies rules;
    private final Inliner inliner;
    private final TensorRuleBodies tensorRules = new TensorRuleBodies();

    /** A weaver that reads callees' bytecode from {@code classes}. */
    public Weaver(ClassSource classes) {
        this.classes = classes;
        this.hierarchy = new ClassHierarchy(classes::bytes);
        this.callees = new Callees(classes);
        this.rules = new RuleBodies(ClassSource.of(Registry.class.getClassLoader()));
        this.inliner = new Inliner(classes, callees);
    }

    /** Generated methods (one for a tangent, two for an adjoint) and the derivatives of other methods they call. */
    public record Generated(List<MethodNode> methods, List<DerivativeFactory.Dependency> dependencies) {}

    /**
     * The {@code mode} derivative of {@code owner.name(descriptor)} as a method of a
     * companion class ({@code inCompanion}) or of the owner itself.
     *
     * @throws NotDifferentiableException when the method cannot be differentiated
     */
    public Generated derivative(ClassNode owner, MethodNode method, Mode mode, boolean inCompanion) {
        return derivative(owner, method, mode, inCompanion, Mode.ALL);
    }

    /**
     * As {@link #derivative(ClassNode, MethodNode, Mode, boolean)}, with only the parameters
     * whose bit is set in {@code active} (bit i for declared parameter i) carrying derivatives.
     */
    public Generated derivative(ClassNode owner, MethodNode method, Mode mode, boolean inCompanion, long active) {
        Diagnostics diagnostics = new Diagnostics(owner, method.name, method.desc);
        if (mode.isHessian()) {
            return hessian(owner, method, diagnostics, inCompanion, active);
        }
        Body body;
        try {
            body = Lifter.lift(owner.name, method);
        } catch (Lifter.Unliftable e) {
            throw diagnostics.error(e.line, "the method contains " + e.getMessage() + ", which is not differentiated",
                    fixFor(e.getMessage()));
        }
        Webs.split(body);
        ValueNumbering.run(body);
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        body = inliner.inlineLibrary(body, diagnostics);
        LambdaCalls.Result lambdas = LambdaCalls.resolve(body, classes, true);
        Activity activity = ActivityAnalysis.analyse(body, callees, diagnostics, isStatic ? active : active << 1,
                lambdas.resolved());
        int access = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        List<MethodNode> generated = new ArrayList<>();
        List<DerivativeFactory.Dependency> dependencies = new ArrayList<>();
        String host = inCompanion ? companionName(owner.name) : owner.name;
        if (mode == Mode.TANGENT) {
            TangentBuilder.Result tangent = TangentBuilder.build(body, isStatic, activity, rules, active);
            Cleanup.run(tangent.body());
            generated.addAll(MethodSplitter.lower(tangent.body(), access, host, tangent.body().name(),
                    tangent.body().descriptor()));
            dependencies.addAll(tangent.dependencies());
        } else {
            AdjointBuilder.Result adjoint = AdjointBuilder.build(body, isStatic, activity, rules, mode, active);
            for (Body b : List.of(adjoint.forward(), adjoint.reverse())) {
                Cleanup.run(b);
                generated.addAll(MethodSplitter.lower(b, access, host, b.name(), b.descriptor()));
            }
            dependencies.addAll(adjoint.dependencies());
        }
        if (inCompanion) {
            for (MethodNode g : generated) {
                callPrivatesAsNestmate(owner, g, diagnostics);
            }
        }
        return new Generated(generated, dependencies);
    }

    private Generated hessian(ClassNode owner, MethodNode method, Diagnostics diagnostics, boolean inCompanion,
                              long active) {
        AdjointBuilder.Result sweeps = new SecondOrder(inliner, callees, rules, tensorRules).build(owner, method, diagnostics,
                active);
        String host = inCompanion ? companionName(owner.name) : owner.name;
        int access = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        List<MethodNode> generated = new ArrayList<>();
        for (Body b : List.of(sweeps.forward(), sweeps.reverse())) {
            Cleanup.run(b);
            generated.addAll(MethodSplitter.lower(b, access, host, b.name(), b.descriptor()));
        }
        if (inCompanion) {
            for (MethodNode g : generated) {
                callPrivatesAsNestmate(owner, g, diagnostics);
            }
        }
        return new Generated(generated, List.of());
    }

    /**
     * A class holding the derivative of one method, for definition as a hidden nestmate of
     * {@code ownerName}.
     *
     * @throws NotDifferentiableException when the method cannot be differentiated
     * @throws IllegalArgumentException   when the class or method cannot be found
     */
    public DerivativeFactory.Companion companion(String ownerName, String method, String descriptor, Mode mode) {
        return companion(ownerName, method, descriptor, mode, Mode.ALL);
    }

    /** As {@link #companion(String, String, String, Mode)}, for the variant with only {@code active} parameters. */
    public DerivativeFactory.Companion companion(String ownerName, String method, String descriptor, Mode mode,
                                                 long active) {
        ClassNode owner = classes.find(ownerName).orElseThrow(() ->
                new IllegalArgumentException("cannot read the class file of " + ownerName.replace('/', '.')));
        MethodNode m = declared(owner, method, descriptor).orElseThrow(() ->
                new IllegalArgumentException("no method " + method + descriptor + " in " + ownerName.replace('/', '.')));
        Generated g = derivative(owner, m, mode.forwardHalf(), true, active);
        ClassNode companion = new ClassNode();
        companion.version = Math.max(owner.version & 0xFFFF, Opcodes.V11);
        companion.access = Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
        companion.name = companionName(ownerName);
        companion.superName = "java/lang/Object";
        companion.sourceFile = owner.sourceFile;
        companion.methods.addAll(g.methods());
        return new DerivativeFactory.Companion(FrameComputingWriter.write(companion, hierarchy), g.dependencies());
    }

    /**
     * The method {@code owner} declares with that name and descriptor, or, for the name of a
     * lambda bridge ({@link LambdaObjects}), the bridge of that lambda site, made now.
     *
     * @throws NotDifferentiableException when a bridge cannot be made
     */
    Optional<MethodNode> declared(ClassNode owner, String name, String descriptor) {
        if (!LambdaObjects.isBridge(name)) {
            return owner.methods.stream().filter(m -> m.name.equals(name) && m.desc.equals(descriptor)).findFirst();
        }
        int index = Integer.parseInt(name.substring(LambdaObjects.BRIDGE_PREFIX.length()));
        List<LambdaBridges.Site> sites = LambdaBridges.of(owner);
        Type[] params = Type.getArgumentTypes(descriptor);
        if (index >= sites.size() || params.length == 0 || params[0].getSort() != Type.OBJECT) {
            return Optional.empty();
        }
        String call = "(" + descriptor.substring(descriptor.indexOf(';') + 1);
        return Optional.of(LambdaBridges.bridge(owner, sites.get(index), params[0].getInternalName(), call));
    }

    /**
     * The name of the bridge through which a lambda object of a class that {@code host}
     * wrote runs {@code method(descriptor)}: see {@link DerivativeFactory#lambdaBridge}.
     *
     * @param interfaces   the lambda class's interfaces (internal names)
     * @param captured     the descriptors of the values it captured, in order
     * @param fieldHoldsIt whether a static field of {@code host} (by name) holds an object of the lambda's class
     */
    public String lambdaBridge(String host, List<String> interfaces, String method, String descriptor,
                               List<String> captured, java.util.function.Function<String, Boolean> fieldHoldsIt) {
        ClassNode node = classes.find(host).orElseThrow(() ->
                new IllegalArgumentException("cannot read the class file of " + host.replace('/', '.')
                        + ", which wrote a lambda called in differentiated code"));
        LambdaBridges.Site site = LambdaBridges.find(node, interfaces, method, descriptor, captured, fieldHoldsIt);
        return LambdaObjects.bridge(site.index());
    }

    /**
     * Whether the class file may hold {@code @Differentiable} methods (it mentions the
     * annotation): a quick test on the bytes, before anything is parsed.
     */
    public static boolean mentionsDifferentiable(byte[] classBytes) {
        return mentions(classBytes, DIFFERENTIABLE);
    }

    /** Whether {@code needle} occurs in {@code classBytes} (a name in the constant pool, say). */
    public static boolean mentions(byte[] classBytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= classBytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (classBytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * {@code classBytes} with the derivatives of its {@code @Differentiable} methods added, or
     * {@code null} when the class has none. Methods that cannot be differentiated are left
     * out and reported in {@code errors} (the caller decides: the agent warns, the Maven
     * plugin fails the build). Weaving is idempotent: a derivative the class already holds
     * is not made again, so a class woven ahead of time passes through unchanged ({@code null}).
     * The class's own methods keep their bytes; a class file below version 51 is raised to it
     * (see {@link FrameComputingWriter#append}).
     *
     * @throws IllegalStateException when a version raise needs frames for an original method
     *                               whose supertypes cannot be read
     */
    public byte[] weave(byte[] classBytes, List<NotDifferentiableException> errors) {
        return weave(classBytes, Set.of(), errors);
    }

    /**
     * A derivative to add to a class besides those of its {@code @Differentiable} methods: of
     * a method the class declares ({@code name}, {@code descriptor}), in {@code mode}. An
     * adjoint's forward half brings its reverse half, so a reverse mode asks for the same as
     * its forward half. {@code active} selects a variant in which only some parameters carry
     * derivatives ({@link Mode#ALL}: all).
     */
    public record Request(String name, String descriptor, Mode mode, long active) {

        /** The derivative in which all parameters carry derivatives. */
        public Request(String name, String descriptor, Mode mode) {
            this(name, descriptor, mode, Mode.ALL);
        }
    }

    /**
     * As {@link #weave(byte[], List)}, and also the derivatives in {@code also} (for the
     * Maven plugin: methods that woven code calls without being annotated, and the bridges of
     * lambda sites, {@code cotangent$lambda$k}, which only their derivatives are added for).
     * Requests for other methods the class does not declare are ignored. The derivatives are
     * generated in the order of the class's methods (then of the bridges' names) and of
     * {@link Mode}, whatever the order of {@code also}.
     */
    public byte[] weave(byte[] classBytes, Set<Request> also, List<NotDifferentiableException> errors) {
        ClassNode node = new ClassNode();
        new ClassReader(classBytes).accept(node, ClassReader.EXPAND_FRAMES);
        classes.put(node, classBytes);
        Set<String> present = new HashSet<>();
        // Every method the woven class will hold (name + descriptor) → what it is, for a clash's message.
        Map<String, String> taken = new HashMap<>();
        for (MethodNode m : node.methods) {
            present.add(m.name + m.desc);
            taken.put(m.name + m.desc, "the method " + Diagnostics.javaSignature(m.name, m.desc));
        }
        List<MethodNode> added = new ArrayList<>();
        List<MethodNode> candidates = new ArrayList<>(node.methods);
        // Requested lambda bridges: made for the weaver only; their derivatives are added.
        new java.util.TreeSet<>(also.stream().filter(r -> LambdaObjects.isBridge(r.name()))
                .map(r -> r.name() + r.descriptor()).toList()).forEach(key -> {
                    String name = key.substring(0, key.indexOf('('));
                    try {
                        declared(node, name, key.substring(name.length())).ifPresent(candidates::add);
                    } catch (NotDifferentiableException e) {
                        errors.add(e);
                    }
                });
        for (MethodNode m : candidates) {
            boolean annotated = Callees.annotated(m);
            java.util.SortedSet<Long> variants = new java.util.TreeSet<>();
            if (annotated) {
                variants.add(Mode.ALL);
            }
            for (Request r : also) {
                if (r.name().equals(m.name) && r.descriptor().equals(m.desc)) {
                    variants.add(r.active());
                }
            }
            try {
                for (long active : variants) {
                    for (Mode mode : List.of(Mode.TANGENT, Mode.FORWARD, Mode.TOP_FORWARD)) {
                        boolean wanted = annotated && active == Mode.ALL || requested(also, m, mode, active);
                        if (wanted && !present.contains(generatedKey(node.name, m, mode, active))) {
                            add(node, m, derivative(node, m, mode, false, active).methods(), taken, added);
                        }
                    }
                }
                if (Callees.secondOrder(m) && !present.contains(generatedKey(node.name, m, Mode.HESSIAN_FORWARD,
                        Mode.ALL))) {
                    add(node, m, derivative(node, m, Mode.HESSIAN_FORWARD, false, Mode.ALL).methods(), taken, added);
                }
            } catch (NotDifferentiableException e) {
                errors.add(e);
            }
        }
        if (added.isEmpty()) {
            return null;
        }
        // The parsed class (cached in the ClassSource) lists its derivatives as the woven class does.
        node.methods.addAll(added);
        return FrameComputingWriter.append(classBytes, added, hierarchy);
    }

    /**
     * A public class with {@code public static MethodHandles.Lookup lookup()} returning its
     * own full-privilege lookup (see {@code Derivatives}).
     */
    public static byte[] accessor(String internalName) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        w.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                internalName, null, "java/lang/Object", null);
        org.objectweb.asm.MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", null, null);
        m.visitCode();
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    /**
     * Adds the derivative methods {@code generated} of {@code m}, unless one has the name and
     * descriptor of a method the class already holds or gets: a class file with two such
     * methods does not load. Reverse sweeps of overloads with the same return type have the
     * same descriptor ({@link Signatures#reverse}), so one of such overloads is rejected.
     */
    private static void add(ClassNode node, MethodNode m, List<MethodNode> generated, Map<String, String> taken,
                            List<MethodNode> added) {
        for (MethodNode g : generated) {
            String other = taken.get(g.name + g.desc);
            if (other != null) {
                int line = -1;
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof LineNumberNode n) {
                        line = n.line;
                        break;
                    }
                }
                throw new Diagnostics(node, m.name, m.desc).error(line, "an overload whose derivative " + g.name
                        + g.desc + " would have the same name and descriptor as " + other + " (the reverse sweeps of "
                        + "overloads with the same return type have the same descriptor, and a class cannot hold both)",
                        "give one of the overloads another name");
            }
        }
        for (MethodNode g : generated) {
            taken.put(g.name + g.desc, "the derivative of " + Diagnostics.javaSignature(m.name, m.desc));
        }
        added.addAll(generated);
    }

    private static boolean requested(Set<Request> also, MethodNode m, Mode mode, long active) {
        return also.contains(new Request(m.name, m.desc, mode, active))
                || also.contains(new Request(m.name, m.desc, mode.reverseHalf(), active));
    }

    /** Name and descriptor of the method that holds {@code m}'s derivative (an adjoint's forward half). */
    private static String generatedKey(String owner, MethodNode m, Mode mode, long active) {
        boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        String descriptor = mode == Mode.TANGENT ? Signatures.tangent(owner, m.desc, isStatic)
                : mode == Mode.HESSIAN_FORWARD ? Signatures.forward(owner, Signatures.directional(m.desc), true)
                : Signatures.forward(owner, m.desc, isStatic);
        return mode.methodName(m.name, active) + descriptor;
    }

    /** The class a companion is defined as (a hidden class, so the JVM appends a suffix). */
    static String companionName(String ownerName) {
        return ownerName + "$$Cotangent";
    }

    /**
     * In a companion, the owner's private instance methods are reached as a nestmate does,
     * with {@code invokevirtual}; {@code invokespecial} may only name the caller's own class.
     * A {@code super} call cannot be made from another class at all.
     */
    private static void callPrivatesAsNestmate(ClassNode owner, MethodNode generated, Diagnostics diagnostics) {
        for (AbstractInsnNode insn : generated.instructions) {
            if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                    && !call.name.equals("<init>")) {
                if (!call.owner.equals(owner.name)) {
                    throw diagnostics.error(-1, "a super call to " + Diagnostics.javaMethod(call.owner, call.name,
                            call.desc) + " in differentiated code", "call the method through a helper that is not "
                            + "differentiated, or copy its code");
                }
                boolean isInterface = (owner.access & Opcodes.ACC_INTERFACE) != 0;
                call.setOpcode(isInterface ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL);
            }
        }
    }

    private static String fixFor(String construct) {
        if (construct.contains("synchronized")) {
            return "synchronize around the call to the differentiated method instead";
        }
        if (construct.contains("exception handler")) {
            return "move the try/catch out of the differentiated method, into its caller";
        }
        if (construct.contains("native") || construct.contains("abstract")) {
            return "differentiate a method with a body";
        }
        return "recompile the class with a current javac";
    }
}
