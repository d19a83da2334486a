package dev.cotangent.weave;

import dev.cotangent.primitive.MethodKey;
import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Registry;
import dev.cotangent.primitive.ScalarPrimitive;
import dev.cotangent.weave.ir.Insn;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what each call is for differentiation: a registry primitive, a method to
 * differentiate through, a harmless sink, or an opaque call. Application methods need no
 * annotation to be differentiated through; Cotangent's own library methods do (so that an
 * internal kernel is never mistaken for differentiable code), and the JDK's never are.
 */
public final class Callees {

    static final String DIFFERENTIABLE = "Ldev/cotangent/Differentiable;";
    static final String CUSTOM = "Ldev/cotangent/CustomDerivative;";
    private static final List<String> JDK = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");
    /** Cotangent's own packages, whose methods are differentiable only when annotated or registered. */
    private static final List<String> LIBRARY = List.of("dev/cotangent/tensor/", "dev/cotangent/primitive/",
            "dev/cotangent/runtime/", "dev/cotangent/einsum/", "dev/cotangent/blas/", "dev/cotangent/AD",
            "dev/cotangent/DifferentiableFunction");
    private static final Set<String> OBJECT_READS = Set.of("equals(Ljava/lang/Object;)Z", "hashCode()I",
            "toString()Ljava/lang/String;", "getClass()Ljava/lang/Class;");
    private static final Set<String> SINK_OWNERS = Set.of("java/io/PrintStream", "java/lang/StringBuilder",
            "java/lang/StringBuffer", "java/lang/String", "java/lang/Double", "java/util/Arrays");

    private final ClassSource classes;

    public Callees(ClassSource classes) {
        this.classes = classes;
    }

    /** Where the callees' bytecode is read from. */
    public ClassSource classes() {
        return classes;
    }

    public Callee of(Insn.Invoke call) {
        if (call.opcode() == Opcodes.INVOKESTATIC) {
            MethodKey key = new MethodKey(call.owner(), call.name(), call.desc());
            ScalarPrimitive scalar = Registry.scalar(key);
            if (scalar != null) {
                return new Callee.Scalar(scalar);
            }
            Primitive tensor = Registry.lookup(key);
            if (tensor != null) {
                return new Callee.TensorOp(tensor.name());
            }
            Optional<MethodNode> declared = classes.method(call.owner(), call.name(), call.desc());
            if (declared.isPresent() && hasAnnotation(declared.get(), CUSTOM)) {
                return new Callee.TensorOp(call.owner().replace('/', '.') + "." + call.name());
            }
            if (call.owner().equals("dev/cotangent/AD") && call.name().equals("stopGradient")) {
                return new Callee.StopGradient();
            }
            if (call.owner().equals(LAMBDA_OBJECTS) && call.name().startsWith("captured")) {
                // A value a lambda captured, read by its bridge: a constant of the derivative.
                return new Callee.StopGradient();
            }
        }
        if (call.owner().equals(TENSOR)) {
            String bridge = bridge(call);
            if (bridge != null) {
                return new Callee.Bridge(bridge);
            }
            if (TENSOR_ACCESSORS.contains(call.name())) {
                return new Callee.Sink();
            }
        }
        if (isSink(call) || isKotlinNullCheck(call)) {
            return new Callee.Sink();
        }
        if (call.name().equals("<init>")) {
            return new Callee.Opaque("a constructor");
        }
        if (call.opcode() == Opcodes.INVOKEINTERFACE && call.owner().startsWith(FUNCTIONS)
                && classes.method(call.owner(), call.name(), call.desc())
                .filter(m -> (m.access & Opcodes.ACC_ABSTRACT) != 0).isPresent()) {
            // The method of a JDK functional interface: a lambda's or a class's of the application, at run time.
            return new Callee.Method(call.owner(), call.name(), call.desc(), false, true);
        }
        if (JDK.stream().anyMatch(call.owner()::startsWith) || call.owner().startsWith("[")) {
            return new Callee.Opaque("a JDK method");
        }
        boolean virtual = call.opcode() == Opcodes.INVOKEVIRTUAL || call.opcode() == Opcodes.INVOKEINTERFACE;
        Optional<MethodNode> m = classes.method(call.owner(), call.name(), call.desc());
        if (m.isEmpty()) {
            if (classes.find(call.owner()).isEmpty()) {
                return new Callee.Opaque("its class file cannot be read");
            }
            if (!virtual) {
                return new Callee.Opaque("it is not declared in " + call.owner());
            }
            return inherited(call);
        }
        MethodNode method = m.get();
        if (isLibrary(call.owner()) && !annotated(method)) {
            // Cotangent's own methods never keep their arguments: one whose result carries no
            // derivative (a shape, a flag, a check) just reads an active value.
            String result = org.objectweb.asm.Type.getReturnType(call.desc()).getDescriptor();
            if (!dev.cotangent.runtime.Signatures.differentiable(result)) {
                return new Callee.Sink();
            }
            return new Callee.Opaque("it is not a differentiable operation of Cotangent's library");
        }
        if ((method.access & Opcodes.ACC_NATIVE) != 0) {
            return new Callee.Opaque("it is native");
        }
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        boolean finalClass = classes.find(call.owner()).map(c -> (c.access & Opcodes.ACC_FINAL) != 0).orElse(false);
        boolean dispatches = virtual && !finalClass && (method.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL)) == 0;
        if ((method.access & Opcodes.ACC_ABSTRACT) != 0 && !dispatches) {
            return new Callee.Opaque("it is abstract");
        }
        return new Callee.Method(call.owner(), call.name(), call.desc(), isStatic, dispatches);
    }

    /**
     * A virtual call of a method the class named does not declare: the declaration a
     * superclass holds, called directly when nothing can override it (it is final or private,
     * or the class named is final); otherwise the implementation is found from the receiver at
     * run time.
     */
    private Callee inherited(Insn.Invoke call) {
        boolean finalClass = classes.find(call.owner()).map(c -> (c.access & Opcodes.ACC_FINAL) != 0).orElse(false);
        String k = classes.find(call.owner()).map(c -> c.superName).orElse(null);
        while (k != null && JDK.stream().noneMatch(k::startsWith)) {
            Optional<MethodNode> m = classes.method(k, call.name(), call.desc());
            if (m.isPresent()) {
                int access = m.get().access;
                boolean overridable = (access & (Opcodes.ACC_FINAL | Opcodes.ACC_PRIVATE)) == 0 && !finalClass;
                if (overridable || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_STATIC)) != 0) {
                    break;
                }
                return new Callee.Method(k, call.name(), call.desc(), false, false);
            }
            String current = k;
            k = classes.find(current).map(c -> c.superName).orElse(null);
        }
        return new Callee.Method(call.owner(), call.name(), call.desc(), false, true);
    }

    private static final String TENSOR = "dev/cotangent/tensor/Tensor";
    private static final String LAMBDA_OBJECTS = "dev/cotangent/runtime/LambdaObjects";
    private static final String FUNCTIONS = "java/util/function/";
    private static final Set<String> TENSOR_ACCESSORS = Set.of("shape", "ndim", "size", "toString", "equals",
            "hashCode");

    /** The name of a scalar–tensor bridge, or null. */
    private static String bridge(Insn.Invoke call) {
        String t = "Ldev/cotangent/tensor/Tensor;";
        return switch (call.name() + call.desc()) {
            case "item()D" -> "item";
            case "get([I)D" -> "get";
            case "toArray()[D" -> "toArray";
            default -> {
                if (call.desc().equals("(D)" + t) && call.name().equals("scalar")) {
                    yield "scalar";
                }
                if (call.name().equals("of") && (call.desc().equals("([D[I)" + t) || call.desc().equals("([D)" + t))) {
                    yield "of";
                }
                yield null;
            }
        };
    }

    private static boolean isSink(Insn.Invoke call) {
        if (call.owner().equals("java/lang/Object")) {
            // Identity and description of a value held as Object (an array, a tensor): read only.
            return OBJECT_READS.contains(call.name() + call.desc());
        }
        if (!SINK_OWNERS.contains(call.owner())) {
            return false;
        }
        // Text made from a value: harmless unless read back as a number, which ActiveText rejects.
        return switch (call.owner()) {
            case "java/io/PrintStream" -> call.name().startsWith("print");
            case "java/lang/StringBuilder", "java/lang/StringBuffer" -> call.name().equals("append");
            case "java/lang/Double" -> call.name().equals("toString") && call.desc().equals("(D)Ljava/lang/String;");
            case "java/util/Arrays" -> call.name().equals("toString") || call.name().equals("deepToString");
            default -> call.name().equals("valueOf");
        };
    }

    /** Whether {@code owner} (an internal name) is one of Cotangent's own classes. */
    public static boolean isLibrary(String owner) {
        return LIBRARY.stream().anyMatch(owner::startsWith);
    }

    /** Whether a method carries {@code @Differentiable}. */
    public static boolean annotated(MethodNode m) {
        return hasAnnotation(m, DIFFERENTIABLE);
    }

    /** Whether a method carries {@code @Differentiable(secondOrder = true)}. */
    public static boolean secondOrder(MethodNode m) {
        if (m.visibleAnnotations == null) {
            return false;
        }
        for (AnnotationNode a : m.visibleAnnotations) {
            if (a.desc.equals(DIFFERENTIABLE) && a.values != null) {
                for (int i = 0; i + 1 < a.values.size(); i += 2) {
                    if ("secondOrder".equals(a.values.get(i)) && Boolean.TRUE.equals(a.values.get(i + 1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasAnnotation(MethodNode m, String descriptor) {
        if (m.visibleAnnotations == null) {
            return false;
        }
        for (AnnotationNode a : m.visibleAnnotations) {
            if (a.desc.equals(descriptor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The null checks {@code kotlinc} puts at the top of every public function and after calls
     * into Java ({@code Intrinsics.checkNotNullParameter(x, "x")},
     * {@code checkNotNullExpressionValue}, {@code checkNotNull}, …): each compares its argument
     * with null and returns nothing, so it neither keeps nor changes an active value. It is matched
     * by name, as kotlin-stdlib is not among the classes woven.
     */
    private static boolean isKotlinNullCheck(Insn.Invoke call) {
        return call.opcode() == Opcodes.INVOKESTATIC && call.owner().equals("kotlin/jvm/internal/Intrinsics")
                && call.name().startsWith("check") && call.desc().endsWith(")V");
    }
}
