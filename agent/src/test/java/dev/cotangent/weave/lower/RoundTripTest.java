package dev.cotangent.weave.lower;

import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.lift.Lifter;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import dev.cotangent.weave.ClassSource;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Lifting every method to the register form and lowering it again changes no behaviour. */
class RoundTripTest {

    @Test
    void everyMethodBehavesTheSameAfterLiftAndLower() throws Exception {
        check(false);
    }

    @Test
    void everyMethodBehavesTheSameAfterSplittingWebs() throws Exception {
        check(true);
    }

    private void check(boolean webs) throws Exception {
        Class<?> original = RoundTripSamples.class;
        Class<?> rebuilt = roundTrip(original, webs);
        Object a = original.getConstructor().newInstance();
        Object b = rebuilt.getConstructor().newInstance();
        Object[][] cases = {
                {"arithmetic", new Object[] {1.3, -0.7}},
                {"integers", new Object[] {13, 99L}},
                {"loops", new Object[] {new double[] {1, -2, 0.5, -0.25, 80, 30, 4}}},
                {"matrix", new Object[] {new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {0.5, -1}}},
                {"switches", new Object[] {7}},
                {"switches", new Object[] {3}},
                {"tableSwitch", new Object[] {2}},
                {"instance", new Object[] {1.5}},
                {"ternaryAndLongs", new Object[] {-2.5, 4L}},
                {"strings", new Object[] {0.25, 4}},
                {"recursive", new Object[] {1.1, 5}},
                {"objects", new Object[] {2.5}},
                {"throwing", new Object[] {21}},
                {"dupForms", new Object[] {new double[] {1, 2}, new long[] {5, 6}, 1}},
                {"floats", new Object[] {1.5f, 2.25}},
                {"logic", new Object[] {1, 2, "x"}},
        };
        for (Object[] c : cases) {
            String name = (String) c[0];
            Object[] args = (Object[]) c[1];
            Method ma = find(original, name);
            Method mb = find(rebuilt, name);
            Object ra = ma.invoke(a, deepCopy(args));
            Object rb = mb.invoke(b, deepCopy(args));
            assertThat(rb).as(name + Arrays.deepToString(args)).isEqualTo(ra);
        }
    }

    private static Object[] deepCopy(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof double[] d) {
                out[i] = d.clone();
            } else if (out[i] instanceof long[] l) {
                out[i] = l.clone();
            } else if (out[i] instanceof double[][] m) {
                double[][] copy = new double[m.length][];
                for (int r = 0; r < m.length; r++) {
                    copy[r] = m[r].clone();
                }
                out[i] = copy;
            }
        }
        return out;
    }

    private static Method find(Class<?> c, String name) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new AssertionError("no method " + name);
    }

    static Class<?> roundTrip(Class<?> c, boolean webs) throws Exception {
        String resource = c.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
            bytes = in.readAllBytes();
        }
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        for (int i = 0; i < node.methods.size(); i++) {
            MethodNode m = node.methods.get(i);
            if (m.instructions.size() == 0) {
                continue;
            }
            Body body = Lifter.lift(node.name, m);
            if (webs) {
                dev.cotangent.weave.lift.Webs.split(body);
                dev.cotangent.weave.lift.ValueNumbering.run(body);
            }
            MethodNode lowered = Lowerer.lower(body, m.access, m.name, m.desc);
            lowered.exceptions = m.exceptions;
            node.methods.set(i, lowered);
        }
        byte[] out = FrameComputingWriter.write(node, new ClassHierarchy(ClassSource.of(c.getClassLoader())::bytes));
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(out), c.getClassLoader(), false, new PrintWriter(problems));
        assertThat(problems.toString()).isEmpty();
        return new ClassLoader(c.getClassLoader()) {
            Class<?> define() {
                return defineClass(c.getName(), out, 0, out.length);
            }
        }.define();
    }
}
