package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

import java.util.ArrayList;
import java.util.List;

/**
 * numpy basic indexing parsed from its own notation ({@code "1:, ::-1, 0, ..., None"}) and
 * applied as a chain of Np's slice, squeeze and expand_dims, so it differentiates like them.
 */
final class BasicIndex {

    private sealed interface Item permits At, Range, Ellipsis, NewAxis {}

    private record At(int index) implements Item {}

    private record Range(int start, int stop, int step) implements Item {}

    private record Ellipsis() implements Item {}

    private record NewAxis() implements Item {}

    private final String text;
    private final List<Item> items;

    private BasicIndex(String text, List<Item> items) {
        this.text = text;
        this.items = items;
    }

    static BasicIndex parse(String text) {
        List<Item> items = new ArrayList<>();
        boolean ellipsis = false;
        String body = text.strip();
        if (body.isEmpty()) {
            return new BasicIndex(text, items);
        }
        for (String raw : body.split(",", -1)) {
            String part = raw.strip();
            if (part.equals("...")) {
                if (ellipsis) {
                    throw bad(text, "an index can only have a single ellipsis ('...')");
                }
                ellipsis = true;
                items.add(new Ellipsis());
            } else if (part.equals("None") || part.equals("newaxis")) {
                items.add(new NewAxis());
            } else if (part.contains(":")) {
                String[] f = part.split(":", -1);
                if (f.length > 3) {
                    throw bad(text, "'" + part + "' has more than two colons");
                }
                int step = f.length == 3 && !f[2].isBlank() ? integer(text, f[2]) : 1;
                if (step == 0) {
                    throw bad(text, "slice step cannot be zero");
                }
                int start = f[0].isBlank() ? (step > 0 ? 0 : Integer.MAX_VALUE) : integer(text, f[0]);
                int stop = f[1].isBlank() ? (step > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE) : integer(text, f[1]);
                items.add(new Range(start, stop, step));
            } else {
                items.add(new At(integer(text, part)));
            }
        }
        return new BasicIndex(text, items);
    }

    private static int integer(String text, String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw bad(text, "'" + s.strip() + "' is not an integer, a slice, '...' or None");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("index \"" + text + "\": " + why);
    }

    /** One step of an index applied to a tensor of known shape: a new axis, or a slice of one axis. */
    private record Step(boolean newAxis, int axis, int start, int stop, int step, int[] shapeBefore) {}

    /** Applies the index: the steps in order, then the integer-indexed axes squeezed out. */
    Tensor apply(Tensor x) {
        int[][] drop = new int[1][];
        Tensor out = x;
        for (Step s : plan(x.shapeRef(), drop)) {
            out = s.newAxis() ? Np.expand_dims(out, s.axis()) : Np.slice(out, s.axis(), s.start(), s.stop(), s.step());
        }
        return drop[0].length == 0 ? out : Np.squeeze(out, drop[0]);
    }

    /**
     * The transpose of {@link #apply} for inputs of {@code shape}: zeros of that shape with
     * {@code values} added where {@code apply} reads.
     */
    Tensor scatter(Tensor values, int[] shape) {
        int[][] drop = new int[1][];
        List<Step> steps = plan(shape, drop);
        int[] indexed = steps.isEmpty() ? shape : shapeAfter(steps.get(steps.size() - 1));
        Scatter.requireShape("Scatter.index \"" + text + "\"", values, squeezed(indexed, drop[0]));
        Tensor out = values.withShape(indexed);
        for (int k = steps.size() - 1; k >= 0; k--) {
            Step s = steps.get(k);
            out = s.newAxis() ? out.withShape(s.shapeBefore())
                    : Scatter.slice(out, s.shapeBefore(), s.axis(), s.start(), s.stop(), s.step());
        }
        return out;
    }

    private static int[] squeezed(int[] shape, int[] drop) {
        int[] out = new int[shape.length - drop.length];
        int k = 0;
        for (int axis = 0, d = 0; axis < shape.length; axis++) {
            if (d < drop.length && drop[d] == axis) {
                d++;
            } else {
                out[k++] = shape[axis];
            }
        }
        return out;
    }

    private static int[] shapeAfter(Step s) {
        if (s.newAxis()) {
            int[] after = new int[s.shapeBefore().length + 1];
            System.arraycopy(s.shapeBefore(), 0, after, 0, s.axis());
            after[s.axis()] = 1;
            System.arraycopy(s.shapeBefore(), s.axis(), after, s.axis() + 1, s.shapeBefore().length - s.axis());
            return after;
        }
        return Shaping.sliced(s.shapeBefore(), s.axis(), s.start(), s.stop(), s.step()).shape();
    }

    /** The steps for an input of {@code shape}; {@code drop[0]} receives the axes to squeeze at the end. */
    private List<Step> plan(int[] shape, int[][] drop) {
        int consuming = 0;
        for (Item item : items) {
            if (item instanceof At || item instanceof Range) {
                consuming++;
            }
        }
        int rank = shape.length;
        if (consuming > rank) {
            throw bad(text, "too many indices for a tensor of shape " + Shapes.str(shape));
        }
        List<Step> steps = new ArrayList<>();
        int[] current = shape;
        int axis = 0;
        List<Integer> dropped = new ArrayList<>();
        for (Item item : items) {
            Step step = null;
            if (item instanceof Ellipsis) {
                axis += rank - consuming;
            } else if (item instanceof NewAxis) {
                step = new Step(true, axis, 0, 0, 0, current);
            } else if (item instanceof Range r) {
                step = new Step(false, axis, r.start(), r.stop(), r.step(), current);
            } else if (item instanceof At at) {
                int n = current[axis];
                int i = at.index() < 0 ? at.index() + n : at.index();
                if (i < 0 || i >= n) {
                    throw bad(text, "index " + at.index() + " is out of bounds for axis " + axis + " with size " + n
                            + " (tensor of shape " + Shapes.str(shape) + ")");
                }
                step = new Step(false, axis, i, i + 1, 1, current);
                dropped.add(axis);
            }
            if (step != null) {
                steps.add(step);
                current = shapeAfter(step);
                axis++;
            }
        }
        drop[0] = dropped.stream().mapToInt(Integer::intValue).toArray();
        return steps;
    }
}
