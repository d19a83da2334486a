package dev.cotangent.maven;

import dev.cotangent.NotDifferentiableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BuildMessage}: weave errors in the form of Maven's compiler errors. */
class BuildMessageTest {

    @TempDir
    Path project;

    private NotDifferentiableException error(String className, String sourceFile, int line) {
        return new NotDifferentiableException(className, "loss(double[])", sourceFile, line,
                "the active value x * 2 is stored into the field Model.cache", "pass the value as a parameter");
    }

    @Test
    void namesTheSourceFileUnderASourceRootAndTheLine() throws IOException {
        Path main = project.resolve("src/main/java");
        Path source = Files.createDirectories(main.resolve("com/acme")).resolve("Model.java");
        Files.writeString(source, "package com.acme;");

        String message = BuildMessage.of(error("com.acme.Model", "Model.java", 42),
                List.of(project.resolve("src/main/kotlin"), main), project.resolve("target/classes"));

        assertThat(message).isEqualTo(source.toAbsolutePath() + ":[42] Model.loss(double[]): the active value x * 2 "
                + "is stored into the field Model.cache: pass the value as a parameter");
    }

    @Test
    void aNestedClassIsFoundInItsOuterClassesFile() throws IOException {
        Path main = project.resolve("src/main/java");
        Path source = Files.createDirectories(main.resolve("com/acme")).resolve("Model.java");
        Files.writeString(source, "package com.acme;");

        String message = BuildMessage.of(error("com.acme.Model$Inner", "Model.java", 7), List.of(main),
                project.resolve("target/classes"));

        assertThat(message).startsWith(source.toAbsolutePath() + ":[7] Model.Inner.loss(double[]): ");
    }

    @Test
    void withoutTheSourceTheClassFileStandsIn() {
        Path classes = project.resolve("target/classes");

        String message = BuildMessage.of(error("com.acme.Model", "Model.java", 42), List.of(project.resolve("src")),
                classes);

        assertThat(message).startsWith(classes.resolve("com/acme/Model.class").toAbsolutePath() + ":[42] Model.loss");
    }

    @Test
    void anUnknownLineIsLeftOut() {
        Path classes = project.resolve("target/classes");

        String message = BuildMessage.of(error("Model", null, -1), List.of(), classes);

        assertThat(message).isEqualTo(classes.resolve("Model.class").toAbsolutePath() + " Model.loss(double[]): "
                + "the active value x * 2 is stored into the field Model.cache: pass the value as a parameter");
    }
}
