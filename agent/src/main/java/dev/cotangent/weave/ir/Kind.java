package dev.cotangent.weave.ir;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The computational kind of a JVM value: what decides which load, store and return
 * opcodes move it and how many local slots it takes. {@code boolean}, {@code byte},
 * {@code char} and {@code short} compute as {@link #INT}.
 */
public enum Kind {
    INT(Type.INT_TYPE, Opcodes.ILOAD, Opcodes.ISTORE, Opcodes.IRETURN),
    LONG(Type.LONG_TYPE, Opcodes.LLOAD, Opcodes.LSTORE, Opcodes.LRETURN),
    FLOAT(Type.FLOAT_TYPE, Opcodes.FLOAD, Opcodes.FSTORE, Opcodes.FRETURN),
    DOUBLE(Type.DOUBLE_TYPE, Opcodes.DLOAD, Opcodes.DSTORE, Opcodes.DRETURN),
    REF(Type.getObjectType("java/lang/Object"), Opcodes.ALOAD, Opcodes.ASTORE, Opcodes.ARETURN);

    /** The type a variable of this kind is declared as when nothing more precise is known. */
    public final Type type;
    public final int load;
    public final int store;
    public final int ret;

    Kind(Type type, int load, int store, int ret) {
        this.type = type;
        this.load = load;
        this.store = store;
        this.ret = ret;
    }

    /** Local-variable slots a value of this kind takes. */
    public int size() {
        return this == LONG || this == DOUBLE ? 2 : 1;
    }

    /** The kind a value of {@code t} computes as. */
    public static Kind of(Type t) {
        return switch (t.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> INT;
            case Type.LONG -> LONG;
            case Type.FLOAT -> FLOAT;
            case Type.DOUBLE -> DOUBLE;
            case Type.ARRAY, Type.OBJECT -> REF;
            default -> throw new IllegalArgumentException("no value of type " + t);
        };
    }

    /** One letter for printing: I, J, F, D, A. */
    public char letter() {
        return switch (this) {
            case INT -> 'I';
            case LONG -> 'J';
            case FLOAT -> 'F';
            case DOUBLE -> 'D';
            case REF -> 'A';
        };
    }
}
