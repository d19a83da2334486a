package dev.cotangent.weave;

import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;

import java.util.List;

/**
 * Shadows (and array tangents) for arrays that have none of their own, emitted alike by the
 * tangent code and the forward sweep: zeros for an array that carries no derivative here, and
 * a checked hand-over of the shadow a callee returns with its array result.
 */
public final class Shadows {

    private static final String VALUES = "dev/cotangent/runtime/Values";

    private Shadows() {}

    /** {@code shadow = Values.zeroShadow(array)}: zeros shaped like {@code array}, null for null. */
    public static void zeroShadow(BodyBuilder emit, Var shadow, Var array, int line) {
        emit.add(new Insn.Invoke(shadow, Opcodes.INVOKESTATIC, VALUES, "zeroShadow",
                "(Ljava/lang/Object;)Ljava/lang/Object;", false, List.of(array), line));
    }

    /**
     * {@code shadow = Values.requireShadow(returned, array, "C.m")}: the shadow a differentiated
     * {@code call} returned with its array result, or a clear error if it returned none.
     */
    public static void requireShadow(BodyBuilder emit, Var shadow, Var returned, Var array, Insn.Invoke call, int line) {
        Var method = emit.body().temp(Kind.REF);
        emit.add(new Insn.Const(method, call.owner().replace('/', '.') + "." + call.name(), line));
        emit.add(new Insn.Invoke(shadow, Opcodes.INVOKESTATIC, VALUES, "requireShadow",
                "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;", false,
                List.of(returned, array, method), line));
    }

}
