package dev.cotangent.weave.adjoint;

import dev.cotangent.weave.Boxing;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A tensor primitive's call, kept for its reverse step: the forward sweep pushes the
 * arguments and the result (what computes the derivative values {@code d}), the reverse
 * sweep pops them and applies the transposed rules through {@code TensorCalls.vjp}.
 */
final class TensorRecords {

    private TensorRecords() {}

    /**
     * Pushes {@code Object[] args}, then the result, then, for a primitive with several
     * results ({@code Tensor[]}), the shadow that gathers their adjoints ({@code resultShadow}).
     */
    static void push(BodyBuilder emit, Var tape, Insn.Invoke call, UnaryOperator<Var> map, Var resultShadow,
                     int line) {
        List<Var> args = new ArrayList<>();
        call.args().forEach(a -> args.add(map.apply(a)));
        Var array = Boxing.objectArray(emit, args, Type.getArgumentTypes(call.desc()), line);
        Sweeps.push(emit, tape, array, line);
        Sweeps.push(emit, tape, map.apply(call.dst()), line);
        if (resultShadow != null) {
            Sweeps.pushShadow(emit, tape, resultShadow, line);
        }
    }

    /** Whether the primitive called has several results, a {@code Tensor[]}. */
    static boolean severalResults(Insn.Invoke call) {
        return Type.getReturnType(call.desc()).getSort() == Type.ARRAY;
    }
}
