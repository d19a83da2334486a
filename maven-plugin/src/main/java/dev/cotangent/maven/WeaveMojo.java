package dev.cotangent.maven;

import dev.cotangent.NotDifferentiableException;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.objectweb.asm.ClassReader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Weaves the derivatives of {@code @Differentiable} methods into the compiled classes of a
 * project ahead of time, with the same {@code dev.cotangent.weave.Weaver} that the
 * {@code -javaagent} uses at load time. The application then runs with {@code cotangent-core}
 * alone: no agent, no {@code cotangent-agent} on the class path, and no weaving at run time —
 * {@code dev.cotangent.runtime.Derivatives} finds the woven {@code cotangent$…} methods in
 * each class.
 *
 * <h2>What is woven</h2>
 * Every class file under {@link #classesDirectory} with a {@code @Differentiable} method gets
 * that method's derivatives (tangent, and both halves of the adjoint). Because no weaver runs
 * later, the methods that woven code calls get theirs too: helpers without the annotation, and
 * for a virtual call every implementation in the directory — repeated until no woven code
 * calls a derivative that is missing. Callees are read from the directory and then from the
 * project's class path: compile scope, or the test class path when the directory is the test
 * output directory (the goal asks Maven for compile scope only, so that {@code mvn compile}
 * resolves no test dependencies; test-scope jars are resolved whenever tests are compiled in
 * the same build). A needed derivative of a class outside the directory (in a jar) cannot be
 * written; the goal warns that it will be made at run time, which needs the agent there.
 *
 * <h2>Errors</h2>
 * A method that cannot be differentiated fails the build: every such method of the run is
 * reported as a Maven error in the form of compiler errors,
 * {@code /abs/path/src/main/java/com/acme/Model.java:[42] Model.loss(double[]): …}, then the
 * goal fails and writes nothing. With {@code failOnError=false} they are warnings and the
 * rest is written.
 *
 * <h2>Deterministic</h2>
 * The weaver's output depends only on the bytes it reads: each class is woven from its bytes
 * on disk by a fresh weaver, with the final set of derivatives asked of it (the order in which
 * classes are visited does not matter), and frames are computed against the class hierarchy
 * that the directory and the class path hold, read from class files without loading any. The
 * same input bytes give byte-identical output. Weaving only adds: the methods, fields and
 * attributes a class already has are kept byte for byte.
 *
 * <h2>Incremental, and never woven twice</h2>
 * A woven class carries its own mark: its {@code cotangent$} methods, which the weaver checks
 * before it generates anything and never makes twice. So no state file is kept (none could go
 * stale): a class that is unchanged since the last weave already holds its derivatives and is
 * not rewritten; a class that the compiler wrote again has lost them and is woven again; a
 * class without derivatives to add is never touched. If newly compiled code needs a derivative
 * that an unchanged woven class lacks, only that derivative is added to it. Files are replaced
 * atomically.
 *
 * <h2>Use</h2>
 * Bind the goal once for {@code target/classes} (the default, phase {@code process-classes}),
 * and, to weave test classes too, a second execution:
 * <pre>{@code
 * <execution>
 *   <id>weave-tests</id>
 *   <phase>process-test-classes</phase>
 *   <goals><goal>weave</goal></goals>
 *   <configuration>
 *     <classesDirectory>${project.build.testOutputDirectory}</classesDirectory>
 *   </configuration>
 * </execution>
 * }</pre>
 *
 * @since 0.1
 */
@Mojo(name = "weave", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class WeaveMojo extends AbstractMojo {

    /** The project whose classes are woven. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * The directory of class files to weave in place. Set it to
     * {@code ${project.build.testOutputDirectory}} in an execution bound to
     * {@code process-test-classes} to weave test classes.
     */
    @Parameter(property = "cotangent.classesDirectory", defaultValue = "${project.build.outputDirectory}",
            required = true)
    private File classesDirectory;

    /** Whether a method that cannot be differentiated fails the build; {@code false} reports it as a warning. */
    @Parameter(property = "cotangent.failOnError", defaultValue = "true")
    private boolean failOnError;

    /** Skips the goal. */
    @Parameter(property = "cotangent.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path directory = classesDirectory.toPath();
        if (skip) {
            getLog().info("Skipping Cotangent weaving");
            return;
        }
        if (!Files.isDirectory(directory)) {
            getLog().info("No classes to weave in " + directory);
            return;
        }
        DirectoryWeaver.Result result;
        try (ClassPath classPath = ClassPath.of(classPath(directory))) {
            result = new DirectoryWeaver(classPath).weave(read(directory));
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("cannot read the classes to weave: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        result.warnings().forEach(getLog()::warn);
        List<Path> sourceRoots = new ArrayList<>();
        project.getCompileSourceRoots().forEach(r -> sourceRoots.add(Path.of(r)));
        project.getTestCompileSourceRoots().forEach(r -> sourceRoots.add(Path.of(r)));
        for (NotDifferentiableException e : result.errors()) {
            String message = BuildMessage.of(e, sourceRoots, directory);
            if (failOnError) {
                getLog().error(message);
            } else {
                getLog().warn(message);
            }
        }
        if (failOnError && !result.errors().isEmpty()) {
            throw new MojoFailureException(result.errors().size() + (result.errors().size() == 1 ? " method" : " methods")
                    + " cannot be differentiated (listed above); nothing was woven");
        }
        try {
            write(directory, result.woven());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the woven classes: " + e.getMessage(), e);
        }
        getLog().info("Wove " + result.woven().size() + (result.woven().size() == 1 ? " class" : " classes") + " in "
                + directory + (result.alreadyWoven() > 0 ? " (" + result.alreadyWoven() + " already woven)" : ""));
    }

    /** The class path to read callees from: compile scope, or test scope for the test output directory. */
    private List<Path> classPath(Path directory) throws MojoExecutionException {
        List<String> elements;
        try {
            boolean tests = directory.toAbsolutePath().normalize().equals(
                    Path.of(project.getBuild().getTestOutputDirectory()).toAbsolutePath().normalize());
            elements = tests ? project.getTestClasspathElements() : project.getCompileClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the project's class path is not resolved", e);
        }
        List<Path> paths = new ArrayList<>();
        for (String element : elements) {
            paths.add(Path.of(element));
        }
        return paths;
    }

    /** Every class file under {@code directory} that sits where its name says, by internal name. */
    static Map<String, byte[]> read(Path directory) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        for (Path file : files) {
            String relative = directory.relativize(file).toString().replace(File.separatorChar, '/');
            String name = relative.substring(0, relative.length() - ".class".length());
            byte[] bytes = Files.readAllBytes(file);
            String className;
            try {
                className = new ClassReader(bytes).getClassName();
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IOException("not a class file that ASM can read: " + file, e);
            }
            // Multi-release copies (META-INF/versions/…) and stray files are not this directory's classes.
            if (className.equals(name)) {
                classes.put(name, bytes);
            }
        }
        return classes;
    }

    /** Replaces each class file by its woven bytes, atomically. */
    static void write(Path directory, Map<String, byte[]> woven) throws IOException {
        for (Map.Entry<String, byte[]> e : woven.entrySet()) {
            Path file = directory.resolve(e.getKey() + ".class");
            Path temporary = Files.createTempFile(file.getParent(), ".cotangent", ".tmp");
            try {
                Files.write(temporary, e.getValue());
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
