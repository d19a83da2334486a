package dev.cotangent.tensor;

import dev.cotangent.Differentiable;
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

    @Differentiable
    Tensor apply(Tensor x) {
        int consuming = 0;
        for (Item item : items) {
            if (item instanceof At || item instanceof Range) {
                consuming++;
            }
        }
        int rank = x.ndim();
        if (consuming > rank) {
            throw bad(text, "too many indices for a tensor of shape " + Shapes.str(x.shapeRef()));
        }
        Tensor out = x;
        int axis = 0;
        List<Integer> drop = new ArrayList<>();
        for (Item item : items) {
            if (item instanceof Ellipsis) {
                axis += rank - consuming;
            } else if (item instanceof NewAxis) {
                out = Np.expand_dims(out, axis);
                axis++;
            } else if (item instanceof Range r) {
                out = Np.slice(out, axis, r.start(), r.stop(), r.step());
                axis++;
            } else if (item instanceof At at) {
                int n = out.shapeRef()[axis];
                int i = at.index() < 0 ? at.index() + n : at.index();
                if (i < 0 || i >= n) {
                    throw bad(text, "index " + at.index() + " is out of bounds for axis " + axis + " with size " + n
                            + " (tensor of shape " + Shapes.str(x.shapeRef()) + ")");
                }
                out = Np.slice(out, axis, i, i + 1, 1);
                drop.add(axis);
                axis++;
            }
        }
        if (drop.isEmpty()) {
            return out;
        }
        return Np.squeeze(out, drop.stream().mapToInt(Integer::intValue).toArray());
    }
}
