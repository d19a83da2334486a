package dev.cotangent.einsum;

import dev.cotangent.tensor.internal.Shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A numpy einsum subscript string checked against the shapes of its operands: which label
 * names which axis of which operand, the size of every label, and the output's labels and
 * shape.
 *
 * <p>Accepted, with numpy's meaning: explicit output ({@code "ij,jk->ik"}) and implicit
 * output ({@code "ij,jk"}: the labels that occur exactly once, in ASCII order, upper case
 * before lower case, after the ellipsis axes); labels repeated within one operand
 * ({@code "ii->i"} takes the diagonal, {@code "ii->"} the trace); {@code "..."} once per
 * operand, standing for that operand's unnamed leading-or-middle axes, right-aligned and
 * broadcast across operands; an axis of size 1 stretching to the size its label has
 * elsewhere; one or more operands, rank 0 included ({@code ",ij->ij"}); spaces anywhere.
 *
 * <p>Rejected with an {@link IllegalArgumentException} whose message starts
 * {@code einsum '<spec>': } and names the offending operand, shape or label: a character
 * other than ASCII letters, {@code ...}, {@code ,}, {@code ->} and space; {@code ->} more
 * than once; a number of operands other than the spec's; a rank that does not match the
 * subscripts; two sizes of one label that are different and neither 1; unequal sizes
 * under a label repeated within one operand; an output label that no input has, or that
 * the output repeats; an explicit output without {@code ...} when the ellipsis covers axes
 * (numpy does not sum them away either).
 *
 * <p>Instances are immutable. Arguments must not be {@code null}
 * ({@link NullPointerException}).
 *
 * @since 0.1
 */
public final class EinsumSpec {

    /**
     * Label ids: {@code 'A'..'Z'} are 0..25 and {@code 'a'..'z'} 26..51, so that id order is
     * ASCII order (numpy's order for implicit output); ellipsis axis {@code p} (counting
     * from the left of the broadcast ellipsis shape) is {@code LETTERS + p}.
     */
    static final int LETTERS = 52;

    private final String source;
    private final int[][] labels;
    private final int[][] shapes;
    private final int[] output;
    private final int[] sizes;
    private final int[] outputShape;

    /** Checks label sizes across operands; {@code source} is only used in messages. */
    EinsumSpec(String source, int[][] labels, int[][] shapes, int[] output, int labelCount) {
        this.source = source;
        this.labels = labels;
        this.shapes = shapes;
        this.output = output;
        this.sizes = labelSizes(labelCount);
        this.outputShape = new int[output.length];
        for (int a = 0; a < output.length; a++) {
            outputShape[a] = sizes[output[a]];
        }
    }

    /**
     * Parses {@code spec} for operands of the given shapes.
     *
     * @param spec   numpy subscripts, e.g. {@code "ij,jk->ik"}, {@code "...ij,...jk"}, {@code "ii"}
     * @param shapes one shape per operand; not modified, not kept
     * @throws IllegalArgumentException naming the spec and the offending operand, shape or
     *                                  label, as listed in the class comment
     */
    public static EinsumSpec parse(String spec, int[]... shapes) {
        Objects.requireNonNull(spec, "einsum: spec is null");
        Objects.requireNonNull(shapes, "einsum: shapes is null");
        int[][] own = new int[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            own[i] = Objects.requireNonNull(shapes[i], "einsum: shape of operand " + i + " is null").clone();
        }
        checkCharacters(spec);
        String compact = spec.replace(" ", "");
        int arrow = compact.indexOf("->");
        if (arrow >= 0 && compact.indexOf("->", arrow + 2) >= 0) {
            throw fail(spec, "'->' appears more than once");
        }
        String inputs = arrow < 0 ? compact : compact.substring(0, arrow);
        String out = arrow < 0 ? null : compact.substring(arrow + 2);
        if (inputs.indexOf('-') >= 0 || inputs.indexOf('>') >= 0 || (out != null
                && (out.indexOf('-') >= 0 || out.indexOf('>') >= 0))) {
            throw fail(spec, "'-' and '>' may only appear together, once, as '->'");
        }
        if (out != null && out.indexOf(',') >= 0) {
            throw fail(spec, "the output subscripts '" + out + "' contain ','; einsum has one output");
        }
        String[] terms = inputs.split(",", -1);
        if (terms.length != own.length) {
            throw fail(spec, "the spec has " + terms.length + " operand" + (terms.length == 1 ? "" : "s")
                    + " but " + own.length + " " + (own.length == 1 ? "was" : "were") + " given, of shape"
                    + (own.length == 1 ? " " : "s ") + shapeList(own));
        }
        int[][] named = new int[terms.length][];
        int[] ellipsisAxes = new int[terms.length];
        int ellipsisRank = 0;
        for (int i = 0; i < terms.length; i++) {
            named[i] = parseTerm(spec, terms[i], "operand " + i + "'s subscripts");
            int letters = named[i].length - (contains(named[i], -1) ? 1 : 0);
            if (!contains(named[i], -1) && letters != own[i].length) {
                throw fail(spec, "operand " + i + " has shape " + Shapes.str(own[i]) + " but its subscripts '"
                        + terms[i] + "' name " + letters + " ax" + (letters == 1 ? "is" : "es"));
            }
            if (letters > own[i].length) {
                throw fail(spec, "operand " + i + " has shape " + Shapes.str(own[i]) + " but its subscripts '"
                        + terms[i] + "' name " + letters + " axes besides '...'");
            }
            ellipsisAxes[i] = own[i].length - letters;
            ellipsisRank = Math.max(ellipsisRank, ellipsisAxes[i]);
        }
        int[][] labels = new int[terms.length][];
        int[] counts = new int[LETTERS];
        for (int i = 0; i < terms.length; i++) {
            labels[i] = expand(named[i], ellipsisRank - ellipsisAxes[i], ellipsisAxes[i]);
            for (int id : named[i]) {
                if (id >= 0) {
                    counts[id]++;
                }
            }
        }
        int[] output = out == null
                ? implicitOutput(counts, ellipsisRank)
                : explicitOutput(spec, out, counts, ellipsisRank);
        return new EinsumSpec(spec, labels, own, output, LETTERS + ellipsisRank);
    }

    // ---------------------------------------------------------------- accessors

    /** The subscripts as given. */
    public String spec() {
        return source;
    }

    /** The number of operands. */
    public int operandCount() {
        return labels.length;
    }

    /** Operand {@code k}'s shape, a fresh copy. */
    public int[] operandShape(int k) {
        return shapes[k].clone();
    }

    /** The output's shape, a fresh copy. */
    public int[] outputShape() {
        return outputShape.clone();
    }

    /** A readable form for messages: the spec and the operand shapes. */
    @Override
    public String toString() {
        return "einsum '" + source + "' on " + shapeList(shapes);
    }

    /** Label ids of operand {@code k}'s axes, shared: never write. */
    int[] labels(int k) {
        return labels[k];
    }

    /** Operand {@code k}'s shape, shared: never write. */
    int[] shape(int k) {
        return shapes[k];
    }

    /** Label ids of the output's axes, shared: never write. */
    int[] output() {
        return output;
    }

    /** Size of every label id after broadcasting (1 for ids used nowhere), shared: never write. */
    int[] sizes() {
        return sizes;
    }

    /** Output shape, shared: never write. */
    int[] outputShapeRef() {
        return outputShape;
    }

    /** How messages name a label id: {@code 'j'} or {@code '...' axis 1}. */
    static String labelName(int id) {
        if (id < LETTERS) {
            return "label '" + (char) (id < 26 ? 'A' + id : 'a' + id - 26) + "'";
        }
        return "'...' axis " + (id - LETTERS);
    }

    // ---------------------------------------------------------------- parsing

    private static void checkCharacters(String spec) {
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (letterId(c) < 0 && c != ' ' && c != ',' && c != '.' && c != '-' && c != '>') {
                throw fail(spec, "invalid character '" + c + "' at position " + i
                        + "; subscripts are the letters a-z and A-Z, '...', ',' and '->'");
            }
        }
    }

    private static int letterId(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return 26 + c - 'a';
        }
        return -1;
    }

    /** Letter ids in order, with -1 where {@code ...} stands. */
    private static int[] parseTerm(String spec, String term, String what) {
        List<Integer> ids = new ArrayList<>();
        boolean ellipsis = false;
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c != '.') {
                ids.add(letterId(c));
                continue;
            }
            if (!term.startsWith("...", i) || term.startsWith("....", i)) {
                throw fail(spec, what + " '" + term + "' have a '.' that is not part of '...'");
            }
            if (ellipsis) {
                throw fail(spec, what + " '" + term + "' contain '...' twice");
            }
            ellipsis = true;
            ids.add(-1);
            i += 2;
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Replaces the -1 of {@code ...} by the last {@code count} ellipsis ids. */
    private static int[] expand(int[] named, int first, int count) {
        int[] out = new int[named.length - (contains(named, -1) ? 1 : 0) + count];
        int j = 0;
        for (int id : named) {
            if (id >= 0) {
                out[j++] = id;
            } else {
                for (int p = 0; p < count; p++) {
                    out[j++] = LETTERS + first + p;
                }
            }
        }
        return out;
    }

    private static int[] implicitOutput(int[] counts, int ellipsisRank) {
        int[] out = new int[ellipsisRank + (int) Arrays.stream(counts).filter(c -> c == 1).count()];
        int j = 0;
        for (int p = 0; p < ellipsisRank; p++) {
            out[j++] = LETTERS + p;
        }
        for (int id = 0; id < LETTERS; id++) {
            if (counts[id] == 1) {
                out[j++] = id;
            }
        }
        return out;
    }

    private static int[] explicitOutput(String spec, String out, int[] counts, int ellipsisRank) {
        int[] named = parseTerm(spec, out, "the output subscripts");
        boolean[] seen = new boolean[LETTERS];
        for (int id : named) {
            if (id < 0) {
                continue;
            }
            if (counts[id] == 0) {
                throw fail(spec, "the output has " + labelName(id) + ", which no input has");
            }
            if (seen[id]) {
                throw fail(spec, "the output has " + labelName(id) + " more than once");
            }
            seen[id] = true;
        }
        if (!contains(named, -1) && ellipsisRank > 0) {
            throw fail(spec, "'...' covers " + ellipsisRank + " ax" + (ellipsisRank == 1 ? "is" : "es")
                    + " of the inputs but the output has no '...'; write '...' in the output to keep them"
                    + " (as in numpy, they are not summed away)");
        }
        return expand(named, 0, ellipsisRank);
    }

    /** Every label's size after broadcasting, checking that sizes agree. */
    private int[] labelSizes(int labelCount) {
        int[] size = new int[labelCount];
        int[] from = new int[labelCount];
        Arrays.fill(size, -1);
        for (int i = 0; i < labels.length; i++) {
            int[] own = new int[labelCount];
            Arrays.fill(own, -1);
            for (int a = 0; a < labels[i].length; a++) {
                int id = labels[i][a];
                int d = shapes[i][a];
                if (own[id] >= 0 && own[id] != d) {
                    throw fail(source, "operand " + i + " has shape " + Shapes.str(shapes[i]) + " but "
                            + labelName(id) + ", repeated in it, names axes of sizes " + own[id] + " and " + d);
                }
                own[id] = d;
                if (size[id] < 0 || (size[id] == 1 && d != 1)) {
                    size[id] = d;
                    from[id] = i;
                } else if (d != size[id] && d != 1) {
                    throw fail(source, "operand " + i + " has shape " + Shapes.str(shapes[i]) + " but "
                            + labelName(id) + " is " + size[id] + " in operand " + from[id]);
                }
            }
        }
        for (int id = 0; id < labelCount; id++) {
            if (size[id] < 0) {
                size[id] = 1;
            }
        }
        return size;
    }

    private static boolean contains(int[] ids, int id) {
        for (int x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }

    static String shapeList(int[][] shapes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shapes.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Shapes.str(shapes[i]));
        }
        return shapes.length == 0 ? "(none)" : sb.toString();
    }

    static IllegalArgumentException fail(String spec, String message) {
        return new IllegalArgumentException("einsum '" + spec + "': " + message);
    }
}
