package dev.cotangent.weave.lower;

import dev.cotangent.weave.ClassSource;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClassHierarchy}: the same common supertypes as ASM's own {@code ClassWriter}, which
 * loads the classes to find them, without loading any; and no answer when a class file is missing.
 */
class ClassHierarchyTest {

    private final ClassLoader loader = getClass().getClassLoader();
    private final ClassHierarchy hierarchy = new ClassHierarchy(ClassSource.of(loader)::bytes);

    /** ASM's own answer, found by {@code Class.forName} on the test's class loader: the independent reference. */
    private static final class Loading extends ClassWriter {
        private final ClassLoader loader;

        Loading(ClassLoader loader) {
            super(COMPUTE_FRAMES);
            this.loader = loader;
        }

        @Override
        protected ClassLoader getClassLoader() {
            return loader;
        }

        String commonSuperClass(String a, String b) {
            return getCommonSuperClass(a, b);
        }
    }

    @Test
    void commonSupertypesAreTheOnesClassLoadingGives() {
        List<String> types = List.of("java/lang/Integer", "java/lang/Double", "java/lang/Number", "java/lang/String",
                "java/lang/Object", "java/util/ArrayList", "java/util/LinkedList", "java/util/List",
                "java/lang/Runnable", "java/lang/Thread", "java/io/FileInputStream", "java/io/ByteArrayInputStream",
                "org/hipparchus/linear/Array2DRowRealMatrix", "org/hipparchus/linear/BlockRealMatrix",
                "org/hipparchus/linear/ArrayRealVector", "org/hipparchus/linear/RealVector",
                "org/apache/commons/lang3/text/StrBuilder", "java/lang/StringBuilder", "java/lang/AbstractStringBuilder");
        for (String a : types) {
            for (String b : types) {
                String expected = new Loading(loader).commonSuperClass(a, b);
                assertThat(hierarchy.commonSuperClass(a, b)).as(a + " and " + b).contains(expected);
            }
        }
        assertThat(hierarchy.commonSuperClass("java/lang/Integer", "java/lang/Double")).contains("java/lang/Number");
        assertThat(hierarchy.commonSuperClass("org/hipparchus/linear/Array2DRowRealMatrix",
                "org/hipparchus/linear/BlockRealMatrix")).contains("org/hipparchus/linear/AbstractRealMatrix");
    }

    @Test
    void noAnswerWhenAClassFileOnTheWayIsMissing() {
        assertThat(hierarchy.commonSuperClass("com/missing/Left", "java/lang/Integer")).isEmpty();
        // A class whose superclass's class file is missing: the chain cannot be followed.
        ClassWriter orphan = new ClassWriter(0);
        orphan.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/Orphan", null, "com/missing/Parent", null);
        orphan.visitEnd();
        byte[] bytes = orphan.toByteArray();
        Map<String, byte[]> extra = Map.of("com/acme/Orphan", bytes);
        ClassHierarchy partial = new ClassHierarchy(n -> extra.containsKey(n) ? extra.get(n)
                : ClassSource.of(loader).bytes(n));

        assertThat(partial.commonSuperClass("com/acme/Orphan", "java/lang/Integer")).isEmpty();
        assertThat(partial.commonSuperClass("com/acme/Orphan", "com/acme/Orphan")).contains("com/acme/Orphan");
    }
}
