package dev.cotangent.weave.lower;

import org.objectweb.asm.ClassWriter;

/**
 * A {@link ClassWriter} that computes frames without loading classes: where two reference
 * types meet it answers {@code java/lang/Object}. Generated code never relies on a closer
 * common supertype, because every typed use of a reference is preceded by a cast (see
 * {@link Lowerer}), so the answer is always safe — and it keeps weaving deterministic and
 * free of class-loading side effects.
 */
public final class FrameComputingWriter extends ClassWriter {

    public FrameComputingWriter() {
        super(COMPUTE_FRAMES);
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return type1.equals(type2) ? type1 : "java/lang/Object";
    }
}
