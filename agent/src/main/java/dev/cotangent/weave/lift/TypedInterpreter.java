package dev.cotangent.weave.lift;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

import java.util.List;

/**
 * ASM's {@link BasicInterpreter} with reference types kept: a value knows it is a
 * {@code double[]}, a {@code double[][]} or a {@code Tensor}, which the weaver needs to
 * choose tangents and adjoints. Where two different reference types meet, the result is
 * {@code Object}; no class is loaded to find a closer common supertype.
 */
final class TypedInterpreter extends BasicInterpreter {

    /** The type of {@code null}, which merges into any reference type. */
    static final BasicValue NULL = new BasicValue(Type.getObjectType("null"));

    TypedInterpreter() {
        super(Opcodes.ASM9);
    }

    @Override
    public BasicValue newValue(Type type) {
        if (type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
            return new BasicValue(type);
        }
        return super.newValue(type);
    }

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.ACONST_NULL:
                return NULL;
            case Opcodes.LDC: {
                Object cst = ((LdcInsnNode) insn).cst;
                if (cst instanceof String) {
                    return newValue(Type.getObjectType("java/lang/String"));
                }
                if (cst instanceof Type t && (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY)) {
                    return newValue(Type.getObjectType("java/lang/Class"));
                }
                return super.newOperation(insn);
            }
            case Opcodes.GETSTATIC:
                return newValue(Type.getType(((FieldInsnNode) insn).desc));
            case Opcodes.NEW:
                return newValue(Type.getObjectType(((TypeInsnNode) insn).desc));
            default:
                return super.newOperation(insn);
        }
    }

    @Override
    public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.CHECKCAST:
                return newValue(Type.getObjectType(((TypeInsnNode) insn).desc));
            case Opcodes.GETFIELD:
                return newValue(Type.getType(((FieldInsnNode) insn).desc));
            case Opcodes.NEWARRAY:
                return newValue(Type.getType("[" + primitiveArrayElement(((IntInsnNode) insn).operand)));
            case Opcodes.ANEWARRAY:
                return newValue(Type.getType("[" + Type.getObjectType(((TypeInsnNode) insn).desc).getDescriptor()));
            default:
                return super.unaryOperation(insn, value);
        }
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue value1, BasicValue value2)
            throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.AALOAD) {
            Type array = value1.getType();
            if (array != null && array.getSort() == Type.ARRAY) {
                return newValue(Type.getType(array.getDescriptor().substring(1)));
            }
            return BasicValue.REFERENCE_VALUE;
        }
        return super.binaryOperation(insn, value1, value2);
    }

    @Override
    public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values) throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.MULTIANEWARRAY:
                return newValue(Type.getType(((MultiANewArrayInsnNode) insn).desc));
            case Opcodes.INVOKEDYNAMIC:
                return newValue(Type.getReturnType(((InvokeDynamicInsnNode) insn).desc));
            default:
                if (insn instanceof MethodInsnNode m) {
                    return newValue(Type.getReturnType(m.desc));
                }
                return super.naryOperation(insn, values);
        }
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
        if (value1.equals(value2)) {
            return value1;
        }
        boolean ref1 = value1.isReference();
        boolean ref2 = value2.isReference();
        if (ref1 && ref2) {
            if (value1.equals(NULL)) {
                return value2;
            }
            if (value2.equals(NULL)) {
                return value1;
            }
            return BasicValue.REFERENCE_VALUE;
        }
        return BasicValue.UNINITIALIZED_VALUE;
    }

    private static String primitiveArrayElement(int operand) {
        return switch (operand) {
            case Opcodes.T_BOOLEAN -> "Z";
            case Opcodes.T_CHAR -> "C";
            case Opcodes.T_FLOAT -> "F";
            case Opcodes.T_DOUBLE -> "D";
            case Opcodes.T_BYTE -> "B";
            case Opcodes.T_SHORT -> "S";
            case Opcodes.T_INT -> "I";
            case Opcodes.T_LONG -> "J";
            default -> throw new IllegalArgumentException("newarray type " + operand);
        };
    }
}
