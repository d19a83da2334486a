package dev.cotangent.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The calling conventions of generated derivative methods, shared by the weaver (which
 * generates them) and the runtime (which finds and calls them), as JVM descriptors.
 *
 * <p>Tangent method of {@code R f(P1 p1, …)}: static, parameters the receiver (for an
 * instance method), then each parameter followed by its tangent when its type is
 * differentiable or {@link #dynamic}, then a {@link TangentOut}; returns R, and leaves R's
 * tangent in the {@code TangentOut}.
 *
 * <p>Forward sweep of the same method: static, parameters the receiver, then each
 * parameter followed by its shadow (an array of the same shape that will hold its adjoint)
 * when it is a differentiable array or of a dynamic type (null when it holds no such array),
 * then a {@link Tape}; returns R, and leaves the shadow of an array result in
 * {@link Tape#resultShadow}.
 *
 * <p>Reverse sweep: static, parameters the adjoint of the result when R has a
 * {@link #valueAdjoint} ({@code double}, a tensor, or {@code Object} for a dynamic type), then
 * the {@code Tape}; returns nothing, and pushes the adjoints of the {@code double} parameters
 * (onto the double stack) and of tensor and dynamic ones (onto the object stack; null when it
 * holds no tensor) in parameter order. Adjoints of arrays are left in their shadows.
 */
public final class Signatures {

    /** Internal name of {@link TangentOut}. */
    public static final String TANGENT_OUT = "dev/cotangent/runtime/TangentOut";
    /** Internal name of {@link Tape}. */
    public static final String TAPE = "dev/cotangent/runtime/Tape";
    private static final String TENSOR = "Ldev/cotangent/tensor/Tensor;";

    private Signatures() {}

    /**
     * Whether values of this type carry derivatives: {@code double}, arrays of {@code double}
     * of any rank, {@code Tensor} and arrays of {@code Tensor}.
     */
    public static boolean differentiable(String typeDescriptor) {
        String element = typeDescriptor.replaceFirst("^\\[+", "");
        return element.equals("D") || element.equals(TENSOR);
    }

    /**
     * Whether a reference of this static type may hold a differentiable value that the type
     * does not show: {@code Object}, {@code Cloneable} and {@code Serializable} (the types an
     * array or a tensor passes through as an erased type variable, a generic interface's
     * bridge method or an {@code Object} parameter), and arrays of them ({@code Object[]}
     * holding rows). Such a value carries the derivative of whatever it holds at run time:
     * a shadow or tangent array for an array, a tensor for a tensor, nothing for the rest.
     */
    public static boolean dynamic(String typeDescriptor) {
        String element = typeDescriptor.replaceFirst("^\\[+", "");
        return element.equals("Ljava/lang/Object;") || element.equals("Ljava/lang/Cloneable;")
                || element.equals("Ljava/io/Serializable;");
    }

    /** Whether a reference of this static type may hold an array that carries derivatives (has a shadow). */
    public static boolean mayHoldArray(String typeDescriptor) {
        return shadowed(typeDescriptor) || dynamic(typeDescriptor);
    }

    /** Whether a value of this static type has a tangent: a differentiable type, or a {@link #dynamic} one. */
    public static boolean hasTangent(String typeDescriptor) {
        return differentiable(typeDescriptor) || dynamic(typeDescriptor);
    }

    /**
     * Whether the adjoint of a value of this static type is a value of its own rather than (or
     * besides) a shadow array: {@code double}, {@code Tensor}, and a {@link #dynamic} type that
     * is not an array (it may hold a tensor). The reverse sweep takes it as the seed of such a
     * result and pushes it for such a parameter.
     */
    public static boolean valueAdjoint(String typeDescriptor) {
        return typeDescriptor.equals("D") || typeDescriptor.equals(TENSOR)
                || dynamic(typeDescriptor) && !typeDescriptor.startsWith("[");
    }

    /** The parameter type descriptors of a method descriptor. */
    public static List<String> parameters(String methodDescriptor) {
        List<String> out = new ArrayList<>();
        int i = 1;
        while (methodDescriptor.charAt(i) != ')') {
            int start = i;
            while (methodDescriptor.charAt(i) == '[') {
                i++;
            }
            if (methodDescriptor.charAt(i) == 'L') {
                i = methodDescriptor.indexOf(';', i);
            }
            i++;
            out.add(methodDescriptor.substring(start, i));
        }
        return out;
    }

    /** The return type descriptor of a method descriptor. */
    public static String returnType(String methodDescriptor) {
        return methodDescriptor.substring(methodDescriptor.indexOf(')') + 1);
    }

    /** Whether a value of this type is a differentiable array (its adjoint is a shadow array). */
    public static boolean shadowed(String typeDescriptor) {
        return typeDescriptor.startsWith("[") && differentiable(typeDescriptor);
    }

    /** The forward sweep's descriptor (see the class comment). */
    public static String forward(String owner, String descriptor, boolean isStatic) {
        StringBuilder sb = new StringBuilder("(");
        if (!isStatic) {
            sb.append('L').append(owner).append(';');
        }
        for (String p : parameters(descriptor)) {
            sb.append(p);
            if (mayHoldArray(p)) {
                sb.append(p);
            }
        }
        sb.append('L').append(TAPE).append(';').append(')').append(returnType(descriptor));
        return sb.toString();
    }

    /**
     * The descriptor of {@code g(x, ẋ) = ∇f(x)·ẋ}, the function whose gradient is the
     * Hessian-vector product of a static {@code double}- or {@code Tensor}-valued {@code f}:
     * the tangent's parameters without its {@code TangentOut}, returning what {@code f} returns.
     */
    public static String directional(String descriptor) {
        StringBuilder sb = new StringBuilder("(");
        for (String p : parameters(descriptor)) {
            sb.append(p);
            if (differentiable(p)) {
                sb.append(p);
            }
        }
        return sb.append(')').append(returnType(descriptor)).toString();
    }

    /** The reverse sweep's descriptor (see the class comment). */
    public static String reverse(String descriptor) {
        String r = returnType(descriptor);
        String seed = r.equals("D") ? "D" : r.equals(TENSOR) ? TENSOR : valueAdjoint(r) ? "Ljava/lang/Object;" : "";
        return "(" + seed + "L" + TAPE + ";)V";
    }

    /**
     * The descriptor of the tangent method of a method of {@code owner} (internal name) with
     * descriptor {@code descriptor}, static or not.
     */
    public static String tangent(String owner, String descriptor, boolean isStatic) {
        StringBuilder sb = new StringBuilder("(");
        if (!isStatic) {
            sb.append('L').append(owner).append(';');
        }
        for (String p : parameters(descriptor)) {
            sb.append(p);
            if (hasTangent(p)) {
                sb.append(p);
            }
        }
        sb.append('L').append(TANGENT_OUT).append(';').append(')').append(returnType(descriptor));
        return sb.toString();
    }
}
