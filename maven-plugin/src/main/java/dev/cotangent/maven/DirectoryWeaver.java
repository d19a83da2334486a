package dev.cotangent.maven;

import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.LambdaObjects;
import dev.cotangent.runtime.Mode;
import dev.cotangent.weave.ClassSource;
import dev.cotangent.weave.LambdaBridges;
import dev.cotangent.weave.Weaver;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Weaves the classes of one directory with {@link Weaver}: the derivatives of their
 * {@code @Differentiable} methods and of the lambdas given to {@code AD} ({@link DifferentiatedLambda}),
 * and — since no weaver runs later — the derivatives of the methods that woven code calls (helpers without the annotation, and for a virtual call every
 * implementation in the directory), until nothing more is needed. Works on bytes in memory;
 * {@link WeaveMojo} reads and writes the files.
 *
 * <p>Each class is woven from its bytes as given, and from the final set of derivatives asked
 * of it, so the result depends on nothing but the input bytes and the class path: not on the
 * order in which classes are visited, nor on what was woven before. A class that already
 * holds a derivative (a {@code cotangent$} method) does not get it again; a class with
 * nothing to add is left out of the result.
 */
final class DirectoryWeaver {

    private static final String GENERATED = "cotangent$";
    private static final List<String> JDK = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

    /**
     * What weaving a directory gave.
     *
     * @param woven        the classes that changed, by internal name, with their new bytes
     * @param errors       methods that cannot be differentiated, ordered by class
     * @param warnings     derivatives woven code needs that are outside the directory and not woven
     * @param alreadyWoven how many classes already held all the derivatives asked of them
     */
    record Result(SortedMap<String, byte[]> woven, List<NotDifferentiableException> errors, SortedSet<String> warnings,
                  int alreadyWoven) {}

    private final Function<String, byte[]> classPath;

    /** A weaver that reads classes outside the directory from {@code classPath} (internal name → bytes or null). */
    DirectoryWeaver(Function<String, byte[]> classPath) {
        this.classPath = classPath;
    }

    /** Weaves {@code directory} (internal name → class bytes). */
    Result weave(Map<String, byte[]> directory) {
        SortedMap<String, byte[]> original = new TreeMap<>(directory);
        Function<String, byte[]> reader = name -> original.containsKey(name) ? original.get(name) : classPath.apply(name);
        Headers headers = new Headers(reader);
        Map<String, Set<Weaver.Request>> requests = new HashMap<>();
        SortedMap<String, byte[]> current = new TreeMap<>(original);
        SortedMap<String, List<NotDifferentiableException>> errors = new TreeMap<>();
        SortedSet<String> warnings = new TreeSet<>();
        SortedSet<String> pending = new TreeSet<>();
        original.forEach((name, bytes) -> {
            if (Weaver.mentionsDifferentiable(bytes)) {
                pending.add(name);
            }
            // AD differentiates what a lambda passed to it calls: its tangent and its gradient.
            for (DifferentiatedLambda lambda : DifferentiatedLambda.in(bytes)) {
                if (original.containsKey(lambda.owner())) {
                    for (Mode mode : List.of(Mode.TANGENT, Mode.TOP_FORWARD)) {
                        requests.computeIfAbsent(lambda.owner(), k -> new HashSet<>())
                                .add(new Weaver.Request(lambda.method(), lambda.descriptor(), mode));
                    }
                    pending.add(lambda.owner());
                }
            }
        });
        while (!pending.isEmpty()) {
            for (String name : pending) {
                List<NotDifferentiableException> found = new ArrayList<>();
                byte[] woven;
                try {
                    // A fresh weaver per class: its output then depends only on the bytes it reads.
                    woven = new Weaver(new ClassSource(reader)).weave(original.get(name),
                            requests.getOrDefault(name, Set.of()), found);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the weaver failed on " + binary(name) + ": " + e, e);
                }
                current.put(name, woven != null ? woven : original.get(name));
                errors.put(name, found);
            }
            pending.clear();
            List<LinkSite> virtualSites = new ArrayList<>();
            current.values().forEach(bytes -> LinkSite.in(bytes).stream().filter(LinkSite::virtual)
                    .forEach(virtualSites::add));
            current.forEach((host, bytes) -> {
                for (Weaver.Request request : bridgesOfHandedOnLambdas(bytes, original.get(host), virtualSites,
                        headers)) {
                    if (requests.computeIfAbsent(host, k -> new HashSet<>()).add(request)) {
                        pending.add(host);
                    }
                }
            });
            current.forEach((caller, bytes) -> {
                for (LinkSite site : LinkSite.in(bytes)) {
                    Weaver.Request request = new Weaver.Request(site.method(), site.descriptor(),
                            site.mode().forwardHalf(), site.active());
                    for (String target : implementations(site, headers, original.keySet())) {
                        if (original.containsKey(target)) {
                            if (requests.computeIfAbsent(target, k -> new HashSet<>()).add(request)) {
                                pending.add(target);
                            }
                        } else if (!headers.holdsDerivative(target, request)) {
                            warnings.add(binary(caller) + " calls the derivative of " + binary(target) + "."
                                    + site.method() + site.descriptor() + ", which is outside the woven classes and "
                                    + "not woven: it is made at run time, which needs cotangent-agent on the class path");
                        }
                    }
                }
            });
        }
        SortedMap<String, byte[]> changed = new TreeMap<>();
        int alreadyWoven = 0;
        for (Map.Entry<String, byte[]> e : current.entrySet()) {
            if (e.getValue() != original.get(e.getKey())) {
                changed.put(e.getKey(), e.getValue());
            } else if (headers.holdsAnyDerivative(e.getKey())) {
                alreadyWoven++;
            }
        }
        List<NotDifferentiableException> allErrors = new ArrayList<>();
        errors.values().forEach(allErrors::addAll);
        return new Result(changed, allErrors, warnings, alreadyWoven);
    }

    /**
     * The bridges ({@link LambdaObjects}) of the lambdas that {@code host}'s woven code makes and
     * hands on, for each virtual call in the directory of their interface method: such a call
     * may run the lambda's body, and no weaver runs later to make its derivative.
     */
    private static Set<Weaver.Request> bridgesOfHandedOnLambdas(byte[] woven, byte[] original,
                                                                List<LinkSite> virtualSites, Headers headers) {
        Set<Weaver.Request> bridges = new HashSet<>();
        List<HandedOnLambda> handedOn = HandedOnLambda.in(woven);
        if (handedOn.isEmpty()) {
            return bridges;
        }
        // Sites are numbered in the class as compiled.
        ClassNode node = new ClassNode();
        new ClassReader(original).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        List<LambdaBridges.Site> sites = LambdaBridges.of(node);
        for (HandedOnLambda lambda : handedOn) {
            if (lambda.site() >= sites.size()) {
                continue;
            }
            LambdaBridges.Site site = sites.get(lambda.site());
            for (LinkSite call : virtualSites) {
                boolean sameInterface = call.owner().equals(site.itf()) || headers.ancestors(site.itf()).contains(call.owner());
                if (sameInterface && site.runs(call.method(), call.descriptor())) {
                    long active = call.active() == Mode.ALL ? Mode.ALL : call.active() << 1 | 1;
                    bridges.add(new Weaver.Request(LambdaObjects.bridge(lambda.site()),
                            "(L" + call.owner() + ";" + call.descriptor().substring(1), call.mode().forwardHalf(), active));
                }
            }
        }
        return bridges;
    }

    /**
     * The classes whose derivative of the site's method may run: for a direct call the class
     * named, for a virtual one every class that declares an implementation the receiver may
     * pick — the class named, its supertypes, and its subtypes in the directory. The JDK's
     * classes are never differentiated through.
     */
    private static Set<String> implementations(LinkSite site, Headers headers, Set<String> directory) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(site.owner());
        if (site.virtual()) {
            candidates.addAll(headers.ancestors(site.owner()));
            for (String c : directory) {
                if (headers.ancestors(c).contains(site.owner())) {
                    candidates.add(c);
                }
            }
        }
        Set<String> found = new TreeSet<>();
        for (String c : candidates) {
            if (JDK.stream().noneMatch(c::startsWith) && headers.declaresBody(c, site.method(), site.descriptor())) {
                found.add(c);
            }
        }
        return found;
    }

    private static String binary(String internalName) {
        return internalName.replace('/', '.');
    }

    /** Classes parsed without their code: enough for hierarchy and method lists. */
    private static final class Headers {
        private final Function<String, byte[]> reader;
        private final Map<String, Optional<ClassNode>> parsed = new HashMap<>();
        private final Map<String, Set<String>> ancestors = new HashMap<>();

        Headers(Function<String, byte[]> reader) {
            this.reader = reader;
        }

        /** The class, or empty when it cannot be read (absent, a JDK class, or a class file too new for ASM). */
        Optional<ClassNode> get(String name) {
            return parsed.computeIfAbsent(name, n -> {
                byte[] bytes = JDK.stream().anyMatch(n::startsWith) ? null : reader.apply(n);
                if (bytes == null) {
                    return Optional.empty();
                }
                ClassNode node = new ClassNode();
                try {
                    new ClassReader(bytes).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG
                            | ClassReader.SKIP_FRAMES);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
                return Optional.of(node);
            });
        }

        /** Every proper supertype that can be read (classes and interfaces). */
        Set<String> ancestors(String name) {
            Set<String> known = ancestors.get(name);
            if (known != null) {
                return known;
            }
            Set<String> found = new LinkedHashSet<>();
            Deque<String> work = new ArrayDeque<>();
            work.add(name);
            while (!work.isEmpty()) {
                get(work.poll()).ifPresent(c -> {
                    List<String> supers = new ArrayList<>(c.interfaces);
                    if (c.superName != null) {
                        supers.add(0, c.superName);
                    }
                    for (String s : supers) {
                        if (found.add(s)) {
                            work.add(s);
                        }
                    }
                });
            }
            ancestors.put(name, found);
            return found;
        }

        boolean declaresBody(String owner, String name, String descriptor) {
            if (LambdaObjects.isBridge(name)) {
                // A lambda site's bridge: made by the weaver for its derivatives, declared by no class.
                return get(owner).isPresent();
            }
            return get(owner).map(c -> c.methods.stream().anyMatch(m -> m.name.equals(name)
                    && m.desc.equals(descriptor) && (m.access & Opcodes.ACC_ABSTRACT) == 0)).orElse(false);
        }

        boolean holdsDerivative(String owner, Weaver.Request request) {
            String generated = request.mode().methodName(request.name(), request.active());
            return get(owner).map(c -> c.methods.stream().anyMatch(m -> m.name.equals(generated))).orElse(false);
        }

        boolean holdsAnyDerivative(String owner) {
            return get(owner).map(c -> c.methods.stream().map((MethodNode m) -> m.name)
                    .anyMatch(n -> n.startsWith(GENERATED))).orElse(false);
        }
    }
}
