package dev.cotangent.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ClassPath}: directories and jars in order, then the JDK. */
class ClassPathTest {

    @TempDir
    Path root;

    @Test
    void readsDirectoriesAndJarsInOrderThenTheJdk() throws IOException {
        Path first = Files.createDirectories(root.resolve("first/com/acme"));
        Files.write(first.resolve("A.class"), new byte[] {1});
        Path jar = root.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("com/acme/A.class", "com/acme/B.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(2);
                out.closeEntry();
            }
        }

        try (ClassPath path = ClassPath.of(List.of(root.resolve("first"), jar, root.resolve("missing")))) {
            assertThat(path.apply("com/acme/A")).containsExactly(1);
            assertThat(path.apply("com/acme/B")).containsExactly(2);
            assertThat(path.apply("java/lang/Math")).isNotEmpty();
            assertThat(path.apply("com/acme/Missing")).isNull();
        }
    }

    @Test
    void theJarIsClosedAfterwards() throws IOException {
        Path jar = root.resolve("lib.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.flush();
        }
        ClassPath.of(List.of(jar)).close();
        Files.delete(jar);
        assertThat(jar).doesNotExist();
    }
}
