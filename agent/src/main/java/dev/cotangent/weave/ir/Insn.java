package dev.cotangent.weave.ir;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * One instruction of the register form: every operand is a {@link Var}, every result goes
 * to a {@link Var}. The JVM opcode is kept where it decides the operation, so lowering is
 * one bytecode instruction per IR instruction plus loads and stores. {@code line} is the
 * source line of the original bytecode, or −1.
 */
public sealed interface Insn {

    int line();

    /** The variable written, or {@code null}. */
    default Var def() {
        return null;
    }

    /** The variables read, in operand order. */
    List<Var> uses();

    /** {@code dst = value}: an {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code String}, ASM {@code Type}, or {@code null}. */
    record Const(Var dst, Object value, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of();
        }
    }

    /** {@code dst = src}. */
    record Move(Var dst, Var src, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of(src);
        }
    }

    /** {@code dst = left op right} for the arithmetic, bitwise, shift and compare opcodes. */
    record Binary(Var dst, int opcode, Var left, Var right, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of(left, right);
        }
    }

    /** {@code dst = op operand}: negations and primitive conversions. */
    record Unary(Var dst, int opcode, Var operand, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of(operand);
        }
    }

    /** {@code dst = array[index]}; {@code arrayType} is the array's static type, e.g. {@code [D}. */
    record ArrayLoad(Var dst, int opcode, Var array, Var index, Type arrayType, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of(array, index);
        }
    }

    /** {@code array[index] = value}. */
    record ArrayStore(int opcode, Var array, Var index, Var value, Type arrayType, int line) implements Insn {
        @Override
        public List<Var> uses() {
            return List.of(array, index, value);
        }
    }

    /** {@code dst = array.length}. */
    record ArrayLength(Var dst, Var array, Type arrayType, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of(array);
        }
    }

    /** {@code dst = new T[d0][d1]…} with as many dimensions given as {@code dims} holds. */
    record NewArray(Var dst, Type arrayType, List<Var> dims, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return dims;
        }
    }

    /** {@code dst = new T} (uninitialised until its constructor is invoked). */
    record NewObject(Var dst, String type, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of();
        }
    }

    /** A method call; {@code args} starts with the receiver unless the call is static; {@code dst} is null for void. */
    record Invoke(Var dst, int opcode, String owner, String name, String desc, boolean itf, List<Var> args, int line)
            implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return args;
        }

        /** Whether this is a static call (no receiver among the arguments). */
        public boolean isStatic() {
            return opcode == org.objectweb.asm.Opcodes.INVOKESTATIC;
        }
    }

    /** An {@code invokedynamic} call site. */
    record InvokeDynamic(Var dst, String name, String desc, Handle bootstrap, List<Object> bootstrapArgs, List<Var> args,
                         int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return args;
        }

        /** Whether this is javac's string concatenation, which carries no derivative and links alike in any class. */
        public boolean isStringConcatenation() {
            return bootstrap.getOwner().equals("java/lang/invoke/StringConcatFactory");
        }
    }

    /** {@code dst = object.field} or {@code dst = Owner.field} ({@code object} null). */
    record GetField(Var dst, int opcode, String owner, String name, String desc, Var object, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return object == null ? List.of() : List.of(object);
        }
    }

    /** {@code object.field = value} or {@code Owner.field = value}. */
    record PutField(int opcode, String owner, String name, String desc, Var object, Var value, int line) implements Insn {
        @Override
        public List<Var> uses() {
            List<Var> uses = new ArrayList<>(2);
            if (object != null) {
                uses.add(object);
            }
            uses.add(value);
            return uses;
        }
    }

    /** {@code dst = (type) src}. */
    record CheckCast(Var dst, Var src, String type, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of(src);
        }
    }

    /** {@code dst = src instanceof type}. */
    record InstanceOf(Var dst, Var src, String type, int line) implements Insn {
        @Override
        public Var def() {
            return dst;
        }

        @Override
        public List<Var> uses() {
            return List.of(src);
        }
    }

    /** {@code monitorenter} / {@code monitorexit}. */
    record Monitor(int opcode, Var object, int line) implements Insn {
        @Override
        public List<Var> uses() {
            return List.of(object);
        }
    }
}
