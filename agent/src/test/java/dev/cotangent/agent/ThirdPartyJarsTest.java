package dev.cotangent.agent;

import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.lower.ChildFirstLoader;
import dev.cotangent.weave.lower.ClassFileParts;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's transformer over every class of real third-party jars on the test class path —
 * Hipparchus, commons-lang3 and ASM's five jars — after a test-only rewrite has marked some of
 * their methods {@code @Differentiable}, so that the weaver really rewrites those classes
 * (adding derivatives, or rejecting methods, or both). Every output must pass ASM's
 * {@code CheckClassAdapter} (structure and data flow), be defined and linked (verified) in a
 * fresh class loader, keep every method it had byte for byte, and be the same bytes when woven
 * again by a new transformer. ASM's classes are Java 5 class files: weaving them raises their
 * version to 51, which needs frames for their branching methods; those keep their instructions.
 *
 * <p>All classes of all seven jars by default (about 1,250 classes); the counts and time go to
 * standard output.
 */
class ThirdPartyJarsTest {

    private static final String DIFFERENTIABLE = "Ldev/cotangent/Differentiable;";
    private static final List<Pattern> JARS = List.of(Pattern.compile("hipparchus-core-[\\d.]+\\.jar"),
            Pattern.compile("commons-lang3-[\\d.]+\\.jar"), Pattern.compile("asm-[\\d.]+\\.jar"),
            Pattern.compile("asm-tree-[\\d.]+\\.jar"), Pattern.compile("asm-analysis-[\\d.]+\\.jar"),
            Pattern.compile("asm-commons-[\\d.]+\\.jar"), Pattern.compile("asm-util-[\\d.]+\\.jar"));

    @Test
    void everyClassOfThreeProjectsIsWovenIntoAClassThatVerifiesAndLoads() throws IOException {
        List<File> jars = jars();
        assertThat(jars).hasSize(JARS.size());
        long start = System.nanoTime();
        Counts total = new Counts();
        List<String> failures = new ArrayList<>();
        for (File jar : jars) {
            Counts counts = weaveAndCheck(jar, failures);
            System.out.println("ThirdPartyJarsTest: " + jar.getName() + ": " + counts);
            total.add(counts);
        }
        System.out.printf("ThirdPartyJarsTest: all %d jars: %s, in %.1f s%n", jars.size(), total,
                (System.nanoTime() - start) / 1e9);

        assertThat(failures).isEmpty();
        // The rewrite really made the weaver work: derivatives added, rejections reported, old versions raised.
        assertThat(total.rewritten).isGreaterThan(100);
        assertThat(total.differentiated).isGreaterThan(200);
        assertThat(total.rejected).isGreaterThan(50);
        assertThat(total.raised).isPositive();
    }

    /** What weaving one jar gave. */
    private static final class Counts {
        int classes;
        int rewritten;
        int raised;
        int framed;
        int differentiated;
        int rejected;
        int crashed;

        void add(Counts c) {
            classes += c.classes;
            rewritten += c.rewritten;
            raised += c.raised;
            framed += c.framed;
            differentiated += c.differentiated;
            rejected += c.rejected;
            crashed += c.crashed;
        }

        @Override
        public String toString() {
            return classes + " classes, " + rewritten + " rewritten (" + raised + " raised to version 51, " + framed
                    + " of their methods given frames), " + differentiated + " methods differentiated, " + rejected + " rejected, " + crashed
                    + " classes the weaver could not weave";
        }
    }

    private static Counts weaveAndCheck(File jar, List<String> failures) throws IOException {
        Map<String, byte[]> input = classes(jar);
        Map<String, List<MethodNode>> marked = new TreeMap<>();
        Map<String, byte[]> annotated = new TreeMap<>();
        input.forEach((name, bytes) -> annotated.put(name, markDifferentiable(bytes, marked, name)));

        Counts counts = new Counts();
        List<String> reports = Collections.synchronizedList(new ArrayList<>());
        Map<String, byte[]> woven = new TreeMap<>();
        ChildFirstLoader loader = new ChildFirstLoader(woven, ThirdPartyJarsTest.class.getClassLoader());
        WeavingTransformer transformer = new WeavingTransformer(reports::add);
        for (Map.Entry<String, byte[]> e : annotated.entrySet()) {
            byte[] out = transformer.transform(loader, e.getKey(), null, null, e.getValue());
            woven.put(e.getKey(), out != null ? out : e.getValue());
            counts.classes++;
            if (out != null) {
                counts.rewritten++;
                counts.raised += ClassFileParts.major(e.getValue()) < Opcodes.V1_7 ? 1 : 0;
            }
        }
        counts.crashed = (int) reports.stream().filter(r -> r.contains("could not weave")).count();
        reports.stream().filter(r -> r.contains("could not weave")).forEach(r -> failures.add(jar.getName() + ": " + r));

        WeavingTransformer again = new WeavingTransformer(r -> {});
        for (Map.Entry<String, byte[]> e : woven.entrySet()) {
            String name = e.getKey();
            byte[] in = annotated.get(name);
            byte[] out = e.getValue();
            for (MethodNode m : marked.getOrDefault(name, List.of())) {
                if (holdsDerivatives(out, name, m)) {
                    counts.differentiated++;
                } else {
                    counts.rejected++;
                }
            }
            List<String> problems = check(name, in, out, loader, counts);
            if (out != in && !Arrays.equals(again.transform(loader, name, null, null, in), out)) {
                problems.add("weaving the same bytes again gave different bytes");
            }
            problems.forEach(p -> failures.add(jar.getName() + ": " + name + ": " + p));
        }
        return counts;
    }

    /**
     * What is wrong with the woven class: nothing, or one line for each check it fails. Its
     * methods must keep their bytes, except that a class raised to version 51 may give a
     * method frames: then its instructions must stay the same. It must pass CheckClassAdapter
     * and link.
     */
    private static List<String> check(String name, byte[] in, byte[] out, ChildFirstLoader loader, Counts counts) {
        List<String> found = new ArrayList<>();
        if (out != in) {
            Map<String, byte[]> before = ClassFileParts.of(in).methods();
            Map<String, byte[]> after = ClassFileParts.of(out).methods();
            boolean raised = ClassFileParts.major(in) < Opcodes.V1_7;
            for (Map.Entry<String, byte[]> m : before.entrySet()) {
                if (Arrays.equals(m.getValue(), after.get(m.getKey()))) {
                    continue;
                }
                if (!raised || !instructions(in, m.getKey()).equals(instructions(out, m.getKey()))) {
                    found.add("the method " + m.getKey() + " changed");
                    break;
                }
                counts.framed++;
            }
        }
        StringWriter problems = new StringWriter();
        try {
            CheckClassAdapter.verify(new ClassReader(out), loader, false, new PrintWriter(problems));
            if (!problems.toString().isEmpty()) {
                found.add("CheckClassAdapter: " + problems.toString().lines().limit(8).toList());
            }
        } catch (RuntimeException | LinkageError e) {
            found.add("CheckClassAdapter: " + e);
        }
        try {
            loader.link(name);
        } catch (ClassNotFoundException | LinkageError e) {
            found.add("loading: " + e);
        }
        return found;
    }

    /**
     * The test-only rewrite: marks {@code @Differentiable}, in every class, its first two
     * methods with a body that take or return a {@code double}; and in every class whose
     * simple name has an even hash and that has none, its first method with a body of any
     * signature (which the weaver mostly rejects). Methods not marked are passed through as
     * read (frames included).
     */
    private static byte[] markDifferentiable(byte[] bytes, Map<String, List<MethodNode>> marked, String name) {
        ClassNode header = new ClassNode();
        new ClassReader(bytes).accept(header, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        List<MethodNode> chosen = new ArrayList<>();
        for (MethodNode m : header.methods) {
            if (chosen.size() < 2 && hasBody(m) && mentionsDouble(m.desc)) {
                chosen.add(m);
            }
        }
        if (chosen.isEmpty() && (name.hashCode() & 1) == 0) {
            header.methods.stream().filter(ThirdPartyJarsTest::hasBody).findFirst().ifPresent(chosen::add);
        }
        if (chosen.isEmpty()) {
            return bytes;
        }
        marked.put(name, chosen);
        Set<String> keys = new HashSet<>();
        chosen.forEach(m -> keys.add(m.name + m.desc));
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, method, descriptor, signature, exceptions);
                if (keys.contains(method + descriptor)) {
                    mv.visitAnnotation(DIFFERENTIABLE, true).visitEnd();
                }
                return mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** The method's instructions as text: no frames, no maximum stack and locals. */
    private static String instructions(byte[] classFile, String method) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
        Textifier text = new Textifier();
        MethodNode m = node.methods.stream().filter(n -> (n.name + n.desc).equals(method)).findFirst().orElseThrow();
        m.accept(new TraceMethodVisitor(text));
        StringWriter out = new StringWriter();
        text.print(new PrintWriter(out));
        return out.toString().lines().filter(l -> !l.contains("MAXSTACK") && !l.contains("MAXLOCALS"))
                .collect(Collectors.joining("\n"));
    }

    private static boolean hasBody(MethodNode m) {
        return (m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0
                && !m.name.startsWith("<");
    }

    private static boolean mentionsDouble(String descriptor) {
        Type method = Type.getMethodType(descriptor);
        return method.getReturnType().equals(Type.DOUBLE_TYPE)
                || Arrays.asList(method.getArgumentTypes()).contains(Type.DOUBLE_TYPE);
    }

    /** Whether the woven class holds the method's tangent and its adjoint's forward half. */
    private static boolean holdsDerivatives(byte[] out, String owner, MethodNode m) {
        boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        Map<String, byte[]> methods = ClassFileParts.of(out).methods();
        return methods.containsKey(Mode.TANGENT.methodName(m.name) + Signatures.tangent(owner, m.desc, isStatic))
                && methods.containsKey(Mode.FORWARD.methodName(m.name) + Signatures.forward(owner, m.desc, isStatic));
    }

    private static List<File> jars() {
        List<File> found = new ArrayList<>();
        for (Pattern p : JARS) {
            for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
                File f = new File(element);
                if (p.matcher(f.getName()).matches()) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    /** The jar's classes by internal name (multi-release copies and module descriptors left out). */
    private static Map<String, byte[]> classes(File jar) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        try (JarFile file = new JarFile(jar)) {
            for (JarEntry e : Collections.list(file.entries())) {
                String n = e.getName();
                if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
                    try (InputStream in = file.getInputStream(e)) {
                        classes.put(n.substring(0, n.length() - ".class".length()), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }
}
