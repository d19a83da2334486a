package dev.cotangent.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.cotangent.maven.DirectoryWeaverTest.bytes;
import static dev.cotangent.maven.DirectoryWeaverTest.name;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link WeaveMojo}'s reading and writing of a classes directory. */
class WeaveMojoTest {

    @TempDir
    Path classes;

    @Test
    void readsTheClassesThatSitWhereTheirNamesSay() throws IOException {
        String model = name(DirectoryWeaverTest.Model.class);
        Path file = classes.resolve(model + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes(DirectoryWeaverTest.Model.class));
        Path versioned = classes.resolve("META-INF/versions/21/" + model + ".class");
        Files.createDirectories(versioned.getParent());
        Files.write(versioned, bytes(DirectoryWeaverTest.Model.class));

        Map<String, byte[]> read = WeaveMojo.read(classes);

        assertThat(read).containsOnlyKeys(model);
    }

    @Test
    void writesWovenBytesInPlaceAndLeavesNoTemporaryFile() throws IOException {
        Path file = classes.resolve("com/acme/Model.class");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2});

        WeaveMojo.write(classes, Map.of("com/acme/Model", new byte[] {3}));

        assertThat(file).hasBinaryContent(new byte[] {3});
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }
}
