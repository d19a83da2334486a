package dev.cotangent.weave;

import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.List;

/** Builds the {@code Object[]} of a call's arguments that tensor rules receive at run time. */
public final class Boxing {

    private static final Type OBJECTS = Type.getType("[Ljava/lang/Object;");

    private Boxing() {}

    /**
     * A new {@code Object[]} holding {@code values} (boxed by their declared {@code types});
     * a {@code null} entry of {@code values} leaves its slot {@code null}.
     */
    public static Var objectArray(BodyBuilder emit, List<Var> values, Type[] types, int line) {
        Var length = emit.body().temp(Kind.INT);
        emit.add(new Insn.Const(length, values.size(), line));
        Var array = emit.body().temp(Kind.REF);
        emit.add(new Insn.NewArray(array, OBJECTS, List.of(length), line));
        for (int i = 0; i < values.size(); i++) {
            Var v = values.get(i);
            if (v == null) {
                continue;
            }
            Var index = emit.body().temp(Kind.INT);
            emit.add(new Insn.Const(index, i, line));
            emit.add(new Insn.ArrayStore(Opcodes.AASTORE, array, index, boxed(emit, v, types[i], line), OBJECTS, line));
        }
        return array;
    }

    /** {@code v} as an object: primitives through their {@code valueOf}. */
    public static Var boxed(BodyBuilder emit, Var v, Type type, int line) {
        String box = switch (type.getSort()) {
            case Type.INT -> "java/lang/Integer";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            case Type.FLOAT -> "java/lang/Float";
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.SHORT -> "java/lang/Short";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            default -> null;
        };
        if (box == null) {
            return v;
        }
        Var b = emit.body().temp(Kind.REF);
        emit.add(new Insn.Invoke(b, Opcodes.INVOKESTATIC, box, "valueOf", "(" + type.getDescriptor() + ")L" + box + ";",
                false, List.of(v), line));
        return b;
    }
}
