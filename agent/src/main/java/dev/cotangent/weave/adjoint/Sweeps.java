package dev.cotangent.weave.adjoint;

import dev.cotangent.runtime.Linker;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.List;

/** What both sweeps emit: tape pushes and pops, and the linked calls to other methods' sweeps. */
final class Sweeps {

    static final String TENSOR = "Ldev/cotangent/tensor/Tensor;";

    private Sweeps() {}

    static void push(BodyBuilder emit, Var tape, Var value, int line) {
        switch (value.kind()) {
            case DOUBLE -> call(emit, tape, "pushDouble", "(D)V", value, line);
            case INT -> call(emit, tape, "pushInt", "(I)V", value, line);
            case LONG -> call(emit, tape, "pushLong", "(J)V", value, line);
            case REF -> call(emit, tape, "pushObject", "(Ljava/lang/Object;)V", value, line);
            case FLOAT -> {
                Var wide = emit.body().temp(Kind.DOUBLE);
                emit.add(new Insn.Unary(wide, Opcodes.F2D, value, line));
                call(emit, tape, "pushDouble", "(D)V", wide, line);
            }
        }
    }

    /** Pushes a shadow array, which the tape remembers for replays ({@code Tape.replay}). */
    static void pushShadow(BodyBuilder emit, Var tape, Var shadow, int line) {
        call(emit, tape, "pushShadow", "(Ljava/lang/Object;)V", shadow, line);
    }

    /** Pops into {@code into}, which must be of the pushed kind. */
    static void pop(BodyBuilder emit, Var tape, Var into, int line) {
        switch (into.kind()) {
            case DOUBLE -> popCall(emit, tape, "popDouble", "()D", into, line);
            case INT -> popCall(emit, tape, "popInt", "()I", into, line);
            case LONG -> popCall(emit, tape, "popLong", "()J", into, line);
            case REF -> popCall(emit, tape, "popObject", "()Ljava/lang/Object;", into, line);
            case FLOAT -> {
                Var wide = emit.body().temp(Kind.DOUBLE);
                popCall(emit, tape, "popDouble", "()D", wide, line);
                emit.add(new Insn.Unary(into, Opcodes.D2F, wide, line));
            }
        }
    }

    private static void call(BodyBuilder emit, Var tape, String name, String desc, Var value, int line) {
        emit.add(new Insn.Invoke(null, Opcodes.INVOKEVIRTUAL, Signatures.TAPE, name, desc, false, List.of(tape, value),
                line));
    }

    private static void popCall(BodyBuilder emit, Var tape, String name, String desc, Var into, int line) {
        emit.add(new Insn.Invoke(into, Opcodes.INVOKEVIRTUAL, Signatures.TAPE, name, desc, false, List.of(tape), line));
    }


    static Insn zero(Var v, int line) {
        return new Insn.Const(v, v.kind() == Kind.DOUBLE ? (Object) 0.0 : v.kind() == Kind.INT ? (Object) 0
                : v.kind() == Kind.LONG ? (Object) 0L : v.kind() == Kind.FLOAT ? (Object) 0f : null, line);
    }
}
