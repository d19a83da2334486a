package dev.cotangent.weave.ir;

import java.util.List;

/** How a {@link Block} ends: where control goes next. */
public sealed interface Exit {

    int line();

    /** The blocks control may go to next, in a fixed order. */
    List<Block> successors();

    /** Unconditionally to {@code target}. */
    record Goto(Block target, int line) implements Exit {
        @Override
        public List<Block> successors() {
            return List.of(target);
        }
    }

    /**
     * To {@code target} if the JVM condition {@code opcode} holds ({@code IFEQ}…{@code IFLE},
     * {@code IFNULL}, {@code IFNONNULL} compare {@code left} with zero or null and have no
     * {@code right}; {@code IF_ICMPxx} and {@code IF_ACMPxx} compare two), else to {@code otherwise}.
     */
    record Branch(int opcode, Var left, Var right, Block target, Block otherwise, int line) implements Exit {
        @Override
        public List<Block> successors() {
            return List.of(target, otherwise);
        }
    }

    /** To {@code targets[i]} when {@code key == keys[i]}, else to {@code otherwise}. */
    record Switch(Var key, int[] keys, List<Block> targets, Block otherwise, int line) implements Exit {
        @Override
        public List<Block> successors() {
            java.util.ArrayList<Block> all = new java.util.ArrayList<>(targets);
            all.add(otherwise);
            return all;
        }
    }

    /** Leaves the method with {@code value} ({@code null} for void). */
    record Return(Var value, int line) implements Exit {
        @Override
        public List<Block> successors() {
            return List.of();
        }
    }

    /** Throws {@code exception}. */
    record Throw(Var exception, int line) implements Exit {
        @Override
        public List<Block> successors() {
            return List.of();
        }
    }
}
