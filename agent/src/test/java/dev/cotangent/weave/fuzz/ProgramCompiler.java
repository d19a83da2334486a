package dev.cotangent.weave.fuzz;

import dev.cotangent.Differentiable;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles generated sources in memory with the system Java compiler (with {@code -g}, so
 * that class files carry line numbers), and loads them with a {@link Loader} that also
 * serves their class files as resources, which is how the weaver reads a class's bytes.
 */
final class ProgramCompiler {

    /** Thrown when javac rejects a source: a bug of the generator (or a shrinking step to discard). */
    static final class CompileError extends Exception {
        private static final long serialVersionUID = 1L;

        CompileError(String message) {
            super(message);
        }
    }

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    private final List<String> options;

    ProgramCompiler() {
        String classPath = location(Differentiable.class) + File.pathSeparator + location(Probe.class);
        options = List.of("-g", "-proc:none", "-nowarn", "--release", "17", "-classpath", classPath);
    }

    /** Compiles {@code sources} (binary class name → source) together; binary class name → class file. */
    Map<String, byte[]> compile(Map<String, String> sources) throws CompileError {
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        Map<String, byte[]> out = new HashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        ForwardingJavaFileManager<StandardJavaFileManager> memory = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                out.put(className, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, units).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder("javac rejected the generated source:\n");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    sb.append(d.getSource() == null ? "" : d.getSource().getName()).append(':')
                            .append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
                }
            }
            throw new CompileError(sb.toString());
        }
        return out;
    }

    private static String location(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String binaryName, String text) {
            super(URI.create("string:///" + binaryName.replace('.', '/') + ".java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Defines compiled classes and serves their class files through {@link #getResourceAsStream}. */
    static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;

        Loader(ClassLoader parent, Map<String, byte[]> classes) {
            super("fuzz", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                byte[] b = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                if (b != null) {
                    return new ByteArrayInputStream(b);
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
