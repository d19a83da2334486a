package dev.cotangent.weave;

import dev.cotangent.runtime.Linker;
import dev.cotangent.runtime.Mode;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.List;

/**
 * The {@code invokedynamic} instruction by which generated code calls another method's
 * derivative: bootstrapped by {@link Linker#link} with the method (class, name, descriptor),
 * the derivative's {@link Mode} and the dispatch, and, for a variant in which only some
 * parameters carry derivatives, {@link Linker#linkVariant} with the parameter mask too.
 */
public final class LinkedCall {

    private static final String BOOTSTRAP = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;II";
    private static final Handle LINK = new Handle(Opcodes.H_INVOKESTATIC, "dev/cotangent/runtime/Linker", "link",
            BOOTSTRAP + ")Ljava/lang/invoke/CallSite;", false);
    private static final Handle LINK_VARIANT = new Handle(Opcodes.H_INVOKESTATIC, "dev/cotangent/runtime/Linker",
            "linkVariant", BOOTSTRAP + "J)Ljava/lang/invoke/CallSite;", false);

    private LinkedCall() {}

    /**
     * A call of the {@code mode} derivative of {@code owner.method(desc)}, of type
     * {@code descriptor}, with only the parameters in {@code active} differentiated.
     */
    public static Insn.InvokeDynamic of(Var dst, String descriptor, String owner, String method, String desc,
                                        Mode mode, boolean virtual, long active, List<Var> args, int line) {
        int dispatch = virtual ? Linker.VIRTUAL : Linker.DIRECT;
        List<Object> bootstrapArgs = active == Mode.ALL
                ? List.of(Type.getObjectType(owner), method, desc, mode.ordinal(), dispatch)
                : List.of(Type.getObjectType(owner), method, desc, mode.ordinal(), dispatch, active);
        return new Insn.InvokeDynamic(dst, mode.name().toLowerCase(), descriptor,
                active == Mode.ALL ? LINK : LINK_VARIANT, bootstrapArgs, args, line);
    }
}
