package dev.cotangent.maven;

import dev.cotangent.NotDifferentiableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A weave error as Maven prints compiler errors, so that IDEs and CI logs link it to the
 * source: {@code /abs/path/src/main/java/com/acme/Model.java:[42] Model.loss(double[]): …}.
 * The file is found from the class's package and its source-file attribute under the
 * project's source roots; when it is not there, the class file stands in.
 */
final class BuildMessage {

    private BuildMessage() {}

    /**
     * The message for {@code error}, naming the source file under one of {@code sourceRoots}
     * (searched in order) or else the class file under {@code classesDirectory}.
     */
    static String of(NotDifferentiableException error, List<Path> sourceRoots, Path classesDirectory) {
        Path file = location(error, sourceRoots, classesDirectory);
        return file.toAbsolutePath().normalize() + (error.line() > 0 ? ":[" + error.line() + "]" : "") + " "
                + withoutLocation(error);
    }

    /** The source file of the error's class, or its class file. */
    static Path location(NotDifferentiableException error, List<Path> sourceRoots, Path classesDirectory) {
        String binaryName = error.className();
        int dot = binaryName.lastIndexOf('.');
        String packagePath = dot < 0 ? "" : binaryName.substring(0, dot).replace('.', '/') + "/";
        if (error.sourceFile() != null) {
            for (Path root : sourceRoots) {
                Path candidate = root.resolve(packagePath + error.sourceFile());
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return classesDirectory.resolve(binaryName.replace('.', '/') + ".class");
    }

    /**
     * The exception's message without the {@code Model.java:42 in} it starts with, since the
     * build message puts the location first in its own form.
     */
    static String withoutLocation(NotDifferentiableException error) {
        String message = error.getMessage();
        String className = error.className();
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        String where = (error.sourceFile() == null ? simple + ".class" : error.sourceFile())
                + (error.line() > 0 ? ":" + error.line() : "") + " in ";
        return message.startsWith(where) ? message.substring(where.length()) : message;
    }
}
