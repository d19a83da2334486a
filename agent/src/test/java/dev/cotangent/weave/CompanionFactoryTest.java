package dev.cotangent.weave;

import dev.cotangent.AD;
import dev.cotangent.agent.SiblingMerge;
import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.Mode;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link CompanionFactory}, the weaver at run time: a companion's frames are computed against
 * the class hierarchy of the owner's class loader, and its derivative is right where the
 * differentiated code merges sibling types ({@code Integer} and {@code Double} into
 * {@code Number}).
 */
class CompanionFactoryTest {

    private final CompanionFactory factory = new CompanionFactory();

    @Test
    void aCompanionsFramesGiveASiblingMergeItsCommonSupertype() {
        for (Mode mode : new Mode[] {Mode.TANGENT, Mode.FORWARD}) {
            DerivativeFactory.Companion companion = factory.companion(SiblingMerge.class, "scaled", "(DZ)D", mode);

            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(companion.bytes()), getClass().getClassLoader(), false,
                    new PrintWriter(problems));
            assertThat(problems.toString()).as(mode.name()).isEmpty();
            ClassNode node = new ClassNode();
            new ClassReader(companion.bytes()).accept(node, 0);
            assertThat(node.methods.stream().flatMap(m -> frames(m).stream()))
                    .as(mode + ": a frame holds the merged Integer or Double as a Number")
                    .anySatisfy(f -> assertThat(f.local).contains("java/lang/Number"));
        }
    }

    @Test
    void theDerivativeOfAMethodThatMergesSiblingTypesIsRightAtRunTime() {
        var scaled = AD.function(SiblingMerge.class, "scaled", double.class, boolean.class);
        double x = 1.5;
        for (boolean integer : new boolean[] {true, false}) {
            // k·x² with k = 2 (Integer) or 2.5 (Double).
            double k = integer ? 2 : 2.5;
            assertThat((double) scaled.jvp(new Object[] {x, integer}, new Object[] {1.0, null}))
                    .isCloseTo(2 * k * x, within(1e-12));
            assertThat((double) scaled.gradient(x, integer)[0]).isCloseTo(2 * k * x, within(1e-12));
        }
    }

    private static java.util.List<FrameNode> frames(MethodNode m) {
        java.util.List<FrameNode> found = new java.util.ArrayList<>();
        m.instructions.forEach(i -> {
            if (i instanceof FrameNode f && f.local != null) {
                found.add(f);
            }
        });
        return found;
    }
}
