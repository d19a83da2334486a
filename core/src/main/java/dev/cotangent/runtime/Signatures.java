package dev.cotangent.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The calling conventions of generated derivative methods, shared by the weaver (which
 * generates them) and the runtime (which finds and calls them), as JVM descriptors.
 *
 * <p>Tangent method of {@code R f(P1 p1, …)}: static, parameters the receiver (for an
 * instance method), then each parameter followed by its tangent when its type is
 * differentiable, then a {@link TangentOut}; returns R, and leaves R's tangent in the
 * {@code TangentOut}.
 */
public final class Signatures {

    /** Internal name of {@link TangentOut}. */
    public static final String TANGENT_OUT = "dev/cotangent/runtime/TangentOut";
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
            if (differentiable(p)) {
                sb.append(p);
            }
        }
        sb.append('L').append(TANGENT_OUT).append(';').append(')').append(returnType(descriptor));
        return sb.toString();
    }
}
