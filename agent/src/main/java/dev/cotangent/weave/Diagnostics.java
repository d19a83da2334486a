package dev.cotangent.weave;

import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.LambdaObjects;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

import java.util.StringJoiner;

/**
 * Makes the weaver's errors about one method: each names the source file and line, the
 * class and method as Java writes them, the construct, and the fix.
 */
public final class Diagnostics {

    private final String className;
    private final String method;
    private final String sourceFile;

    public Diagnostics(ClassNode owner, String methodName, String descriptor) {
        this.className = owner.name.replace('/', '.');
        this.method = javaSignature(methodName, descriptor);
        this.sourceFile = owner.sourceFile;
    }

    /** An error at {@code line} (or −1). */
    public NotDifferentiableException error(int line, String construct, String fix) {
        return new NotDifferentiableException(className, method, sourceFile, line, construct, fix);
    }

    /**
     * {@code loss(double[], int)} for {@code loss} with descriptor {@code ([DI)D}; a lambda
     * site's bridge is {@code <lambda site 3>(Kernel, double)}.
     */
    public static String javaSignature(String name, String descriptor) {
        String shown = LambdaObjects.isBridge(name)
                ? "<lambda site " + name.substring(LambdaObjects.BRIDGE_PREFIX.length()) + ">" : name;
        StringJoiner params = new StringJoiner(", ", shown + "(", ")");
        for (Type t : Type.getArgumentTypes(descriptor)) {
            params.add(simpleName(t));
        }
        return params.toString();
    }

    /** {@code Cache.lookup(double)} for a call target. */
    public static String javaMethod(String owner, String name, String descriptor) {
        return owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.') + "." + javaSignature(name, descriptor);
    }

    static String simpleName(Type t) {
        String name = t.getClassName();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
