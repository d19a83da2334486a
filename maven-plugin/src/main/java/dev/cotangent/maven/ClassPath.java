package dev.cotangent.maven;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Class files by internal name ({@code com/acme/Model}), read from a project's class path —
 * directories and jars, in order — and then from the JDK that runs the build. Reading never
 * loads or initialises a class. Entries that do not exist are skipped; jars stay open until
 * {@link #close}.
 */
final class ClassPath implements Function<String, byte[]>, Closeable {

    private final List<JarFile> jars = new ArrayList<>();
    /** Entries in order: a directory or a jar each. */
    private final List<Object> entries = new ArrayList<>();

    private ClassPath() {}

    /** A class path of these directories and jars, searched in order. */
    static ClassPath of(List<Path> elements) throws IOException {
        ClassPath path = new ClassPath();
        try {
            for (Path p : elements) {
                if (Files.isDirectory(p)) {
                    path.entries.add(p);
                } else if (Files.isRegularFile(p)) {
                    JarFile jar = new JarFile(p.toFile());
                    path.jars.add(jar);
                    path.entries.add(jar);
                }
            }
        } catch (IOException e) {
            path.close();
            throw e;
        }
        return path;
    }

    /** The bytes of the class file, or {@code null} when no entry has it. */
    @Override
    public byte[] apply(String internalName) {
        String file = internalName + ".class";
        try {
            for (Object entry : entries) {
                if (entry instanceof Path dir) {
                    Path p = dir.resolve(file);
                    if (Files.isRegularFile(p)) {
                        return Files.readAllBytes(p);
                    }
                } else {
                    JarFile jar = (JarFile) entry;
                    ZipEntry e = jar.getEntry(file);
                    if (e != null) {
                        try (InputStream in = jar.getInputStream(e)) {
                            return in.readAllBytes();
                        }
                    }
                }
            }
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(file)) {
                return in == null ? null : in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " from the class path", e);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (JarFile jar : jars) {
            try {
                jar.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
