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

    /**
     * The shadow returned with an array result that has none of its own: none (null) for an
     * array from elsewhere, since the caller must not take zeros for it if it writes into it
     * (see {@link #resultShadow}); zeros for one the method made without active values in it.
     */
    public static Var forResultWithoutOwn(BodyBuilder emit, Var array, boolean foreign, int line) {
        Var shadow = emit.body().temp(Kind.REF);
        if (foreign) {
            emit.add(new Insn.Const(shadow, null, line));
        } else {
            zeroShadow(emit, shadow, array, line);
        }
        return shadow;
    }

    /** {@code shadow = Values.zeroShadow(array)}: zeros shaped like {@code array}, null for null. */
    public static void zeroShadow(BodyBuilder emit, Var shadow, Var array, int line) {
        emit.add(new Insn.Invoke(shadow, Opcodes.INVOKESTATIC, VALUES, "zeroShadow",
                "(Ljava/lang/Object;)Ljava/lang/Object;", false, List.of(array), line));
    }

    /**
     * The shadow a differentiated {@code call} returned with its array result: zeros if it
     * returned none and the caller only reads the array ({@code Values.shadowOrZeros}), a
     * clear error if it returned none and the caller may write derivatives into it
     * ({@code Values.requireShadow}).
     */
    public static void resultShadow(BodyBuilder emit, Var shadow, Var returned, Var array, boolean readOnly,
                                    Insn.Invoke call, int line) {
        if (readOnly) {
            emit.add(new Insn.Invoke(shadow, Opcodes.INVOKESTATIC, VALUES, "shadowOrZeros",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false, List.of(returned, array), line));
        } else {
            requireShadow(emit, shadow, returned, array, call, line);
        }
    }

    private static void requireShadow(BodyBuilder emit, Var shadow, Var returned, Var array, Insn.Invoke call, int line) {
        Var method = emit.body().temp(Kind.REF);
        emit.add(new Insn.Const(method, call.owner().replace('/', '.') + "." + call.name(), line));
        emit.add(new Insn.Invoke(shadow, Opcodes.INVOKESTATIC, VALUES, "requireShadow",
                "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;", false,
                List.of(returned, array, method), line));
    }

}
