package dev.cotangent.weave.lower;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.runtime.Mode;
import dev.cotangent.testing.GradCheck;
import dev.cotangent.weave.ClassSource;
import dev.cotangent.weave.Weaver;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated code for a large primal is cut into methods HotSpot will compile, and stays correct. */
class MethodSplitterTest {

    @Test
    void everyGeneratedMethodOfALargePrimalIsUnderTheLimit() {
        Weaver weaver = new Weaver(ClassSource.of(getClass().getClassLoader()));
        for (Mode mode : new Mode[] {Mode.TANGENT, Mode.FORWARD, Mode.TOP_FORWARD}) {
            byte[] bytes = weaver.companion("dev/cotangent/weave/lower/LargeMethod", "large", "([D)D", mode).bytes();
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, 0);
            assertThat(node.methods.size()).as(mode + ": split into pieces").isGreaterThan(2);
            for (MethodNode m : node.methods) {
                assertThat(MethodSplitter.maxSize(m)).as(mode + " " + m.name).isLessThan(MethodSplitter.LIMIT);
            }
        }
    }

    @Test
    void theSplitDerivativesAreStillRight() {
        DifferentiableFunction f = AD.function(LargeMethod.class, "large", double[].class);
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        Object[] args = {x};
        Object[] u = {GradCheck.randomLike(x, random)};
        Object jvp = f.jvp(args, u);
        Object numeric = GradCheck.numericJvp(a -> f.value(a), args, u, 1e-3);
        GradCheck.assertClose(jvp, numeric, 1e-6, "JVP of the large method");
        Object[] gradient = f.gradient(x);
        GradCheck.assertDotProduct(u, jvp, 1.0, gradient, 1e-10, "large");
    }
}
