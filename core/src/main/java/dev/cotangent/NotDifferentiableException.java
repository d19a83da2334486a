package dev.cotangent;

/**
 * Code that Cotangent cannot differentiate, reported when it is woven, never as a silently
 * wrong derivative. The message names the source file and line, the class and method, the
 * construct, and what to do about it, e.g.
 *
 * <pre>
 * Model.java:42 in Model.loss(double[]): call to Cache.lookup(D)D receives an active value,
 * but Cache.lookup has no derivative: mark it @Differentiable, register a derivative for it,
 * or pass AD.stopGradient(x) if no derivative should flow through it.
 * </pre>
 *
 * @since 0.1
 */
public class NotDifferentiableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String className;
    private final String method;
    private final String sourceFile;
    private final int line;
    private final String construct;

    /**
     * @param className  the class's binary name ({@code com.acme.Model}, {@code com.acme.Model$Inner})
     * @param method     the method with its parameter types, e.g. {@code loss(double[])}
     * @param sourceFile the source file name, or {@code null} if the class file does not say
     * @param line       the source line, or −1 if unknown
     * @param construct  what cannot be differentiated
     * @param fix        what the user can do
     */
    public NotDifferentiableException(String className, String method, String sourceFile, int line, String construct,
                                      String fix) {
        super(format(className, method, sourceFile, line, construct, fix));
        this.className = className;
        this.method = method;
        this.sourceFile = sourceFile;
        this.line = line;
        this.construct = construct;
    }

    private static String format(String className, String method, String sourceFile, int line, String construct,
                                 String fix) {
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        String where = (sourceFile == null ? simple + ".class" : sourceFile) + (line > 0 ? ":" + line : "");
        return where + " in " + simple + "." + method + ": " + construct + (fix == null || fix.isEmpty() ? "" : ": " + fix);
    }

    /** The class, as Java writes it. */
    public String className() {
        return className;
    }

    /** The method with its parameter types. */
    public String method() {
        return method;
    }

    /** The source file name, or {@code null}. */
    public String sourceFile() {
        return sourceFile;
    }

    /** The source line, or −1. */
    public int line() {
        return line;
    }

    /** What cannot be differentiated. */
    public String construct() {
        return construct;
    }
}
