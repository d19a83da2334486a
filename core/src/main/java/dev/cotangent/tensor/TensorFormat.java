package dev.cotangent.tensor;

import java.math.BigDecimal;

/**
 * numpy's {@code str()} of an array: nested brackets, one format for all elements chosen
 * from their range (integers print as {@code 1.}, fixed point up to 8 decimals, otherwise
 * scientific), right-aligned columns, and {@code ...} past 1000 elements.
 */
final class TensorFormat {

    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final int LINE_WIDTH = 75;

    private TensorFormat() {}

    static String format(double[] data, int[] shape) {
        boolean summarise = data.length > THRESHOLD;
        ElementFormat f = ElementFormat.choose(data);
        if (shape.length == 0) {
            return f.format(data[0]).strip();
        }
        StringBuilder sb = new StringBuilder();
        int[] strides = dev.cotangent.tensor.internal.Shapes.strides(shape);
        appendAxis(sb, data, shape, strides, 0, 0, f, summarise, 1);
        return sb.toString();
    }

    private static void appendAxis(StringBuilder sb, double[] data, int[] shape, int[] strides, int axis, int offset,
                                   ElementFormat f, boolean summarise, int indent) {
        int n = shape[axis];
        sb.append('[');
        boolean last = axis == shape.length - 1;
        int lineStart = sb.lastIndexOf("\n") + 1;
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append(last ? "..." : "...");
                i = n - EDGE - 1;
                separator(sb, last, shape.length - axis - 1, indent);
                continue;
            }
            if (last) {
                String s = f.format(data[offset + i * strides[axis]]);
                if (i > 0 && sb.length() - lineStart + s.length() + 1 > LINE_WIDTH) {
                    sb.append('\n').append(" ".repeat(indent));
                    lineStart = sb.length() - indent;
                }
                sb.append(s);
            } else {
                appendAxis(sb, data, shape, strides, axis + 1, offset + i * strides[axis], f, summarise, indent + 1);
            }
            if (i < n - 1) {
                separator(sb, last, shape.length - axis - 1, indent);
                if (last) {
                    lineStart = Math.max(lineStart, sb.lastIndexOf("\n") + 1);
                }
            }
        }
        sb.append(']');
    }

    private static void separator(StringBuilder sb, boolean last, int depthBelow, int indent) {
        if (last) {
            sb.append(' ');
        } else {
            sb.append("\n".repeat(depthBelow)).append(" ".repeat(indent));
        }
    }

    /** One format for every element, so that columns line up. */
    private record ElementFormat(boolean scientific, boolean integral, int decimals, int width) {

        static ElementFormat choose(double[] data) {
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            boolean integral = true;
            int decimals = 0;
            for (double v : data) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                double a = Math.abs(v);
                maxAbs = Math.max(maxAbs, a);
                if (a != 0) {
                    minAbs = Math.min(minAbs, a);
                }
                if (v != Math.rint(v)) {
                    integral = false;
                }
            }
            boolean scientific = maxAbs >= 1e16 || (maxAbs >= 1e8 && !integral)
                    || (minAbs < 1e-4 && minAbs != Double.POSITIVE_INFINITY)
                    || (minAbs != Double.POSITIVE_INFINITY && maxAbs / minAbs > 1e3 && !integral && minAbs < 1e-3);
            if (!scientific && !integral) {
                for (double v : data) {
                    if (Double.isFinite(v)) {
                        decimals = Math.max(decimals, decimalsNeeded(v));
                    }
                }
            }
            ElementFormat probe = new ElementFormat(scientific, integral, decimals, 0);
            int width = 0;
            for (double v : data) {
                width = Math.max(width, probe.raw(v).length());
            }
            return new ElementFormat(scientific, integral, decimals, width);
        }

        /** Fractional digits of {@code v} rounded to 8 places, trailing zeros dropped. */
        private static int decimalsNeeded(double v) {
            BigDecimal d = new BigDecimal(Double.toString(v)).setScale(8, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            return Math.max(0, d.scale());
        }

        String raw(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (scientific) {
                String s = String.format(java.util.Locale.ROOT, "%.8e", v);
                return s;
            }
            if (integral) {
                return String.format(java.util.Locale.ROOT, "%.0f", v) + ".";
            }
            String s = String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
            return s;
        }

        String format(double v) {
            String s = raw(v);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
