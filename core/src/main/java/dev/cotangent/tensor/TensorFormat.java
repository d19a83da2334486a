package dev.cotangent.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * numpy's {@code str()} of a float64 array, following {@code numpy.array2string} with its
 * defaults (precision 8, threshold 1000, edge items 3, line width 75): one element format
 * chosen from the shown elements (positional, or scientific when the non-zero magnitudes
 * reach 1e8, drop below 1e-4 or span more than 1000×), the shortest digits that identify
 * each element, decimal points aligned, rows wrapped and summarised with {@code ...}. A
 * rank-0 tensor prints like numpy's float64 scalar, which is Python's {@code repr}.
 */
final class TensorFormat {

    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final int LINE_WIDTH = 75;
    private static final int PRECISION = 8;

    private final double[] data;
    private final int[] shape;
    private final int[] strides;
    private final boolean summarise;
    private final ElementFormat format;

    private TensorFormat(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
        this.strides = dev.cotangent.tensor.internal.Shapes.strides(shape);
        this.summarise = data.length > THRESHOLD;
        this.format = ElementFormat.choose(shown());
    }

    static String format(double[] data, int[] shape) {
        if (shape.length == 0) {
            return scalar(data[0]);
        }
        if (data.length == 0) {
            return "[]";
        }
        return new TensorFormat(data, shape).recurse(0, 0, " ", LINE_WIDTH);
    }

    /** The elements that will be printed: all of them, or only the edges when summarising. */
    private double[] shown() {
        if (!summarise) {
            return data;
        }
        double[] out = new double[data.length];
        int count = 0;
        for (int flat = 0; flat < data.length; flat++) {
            boolean visible = true;
            for (int d = 0; d < shape.length && visible; d++) {
                int i = flat / strides[d] % shape[d];
                visible = shape[d] <= 2 * EDGE || i < EDGE || i >= shape[d] - EDGE;
            }
            if (visible) {
                out[count++] = data[flat];
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** numpy's {@code _formatArray.recurser}: the text of the sub-array at {@code axis, offset}. */
    private String recurse(int axis, int offset, String hangingIndent, int width) {
        String nextIndent = hangingIndent + " ";
        int nextWidth = width - 1;
        int n = shape[axis];
        int axesLeft = shape.length - axis;
        boolean summary = summarise && n > 2 * EDGE;
        int leading = summary ? EDGE : 0;
        int trailing = summary ? EDGE : n;
        StringBuilder s = new StringBuilder();
        if (axesLeft == 1) {
            int elementWidth = width - 1;
            StringBuilder line = new StringBuilder(hangingIndent);
            for (int i = 0; i < leading; i++) {
                line = extendLine(s, line, format.format(data[offset + i * strides[axis]]), elementWidth, hangingIndent);
                line.append(' ');
            }
            if (summary) {
                line = extendLine(s, line, "...", elementWidth, hangingIndent);
                line.append(' ');
            }
            for (int i = trailing; i >= 1; i--) {
                line = extendLine(s, line, format.format(data[offset + (n - i) * strides[axis]]), elementWidth,
                        hangingIndent);
                if (i > 1) {
                    line.append(' ');
                }
            }
            s.append(line);
        } else {
            String lineSeparator = "\n".repeat(axesLeft - 1);
            for (int i = 0; i < leading; i++) {
                s.append(hangingIndent).append(recurse(axis + 1, offset + i * strides[axis], nextIndent, nextWidth))
                        .append(lineSeparator);
            }
            if (summary) {
                s.append(hangingIndent).append("...").append(lineSeparator);
            }
            for (int i = trailing; i >= 1; i--) {
                s.append(hangingIndent).append(recurse(axis + 1, offset + (n - i) * strides[axis], nextIndent, nextWidth));
                if (i > 1) {
                    s.append(lineSeparator);
                }
            }
        }
        return "[" + s.substring(hangingIndent.length()) + "]";
    }

    /** numpy's {@code _extendLine}: wraps before {@code word} if the line would grow past {@code width}. */
    private static StringBuilder extendLine(StringBuilder s, StringBuilder line, String word, int width, String indent) {
        boolean wrap = line.length() + word.length() > width && line.length() > indent.length();
        if (wrap) {
            s.append(line.toString().stripTrailing()).append('\n');
            line = new StringBuilder(indent);
        }
        return line.append(word);
    }

    /** Python's {@code repr} of a float, which numpy's float64 scalar prints as its {@code str}. */
    static String scalar(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String sign = v < 0 || Double.doubleToRawLongBits(v) == Long.MIN_VALUE ? "-" : "";
        if (v == 0) {
            return sign + "0.0";
        }
        BigDecimal d = shortest(Math.abs(v));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = d.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        return sign + Digits.scientific(d).text(-1, 2);
    }

    /** The shortest decimal that reads back as {@code a} (positive and finite). */
    static BigDecimal shortest(double a) {
        BigDecimal exact = new BigDecimal(a);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == a) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** A finite element split as numpy's dragon4 prints it: sign and integer part, fraction digits, exponent. */
    private record Digits(String integer, String fraction, int exponent) {

        /** Positional, the shortest unique digits but at most {@link #PRECISION} after the point. */
        static Digits positional(double v) {
            BigDecimal d = v == 0 ? BigDecimal.ZERO : shortest(Math.abs(v));
            if (d.scale() > PRECISION) {
                d = new BigDecimal(Math.abs(v)).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
            }
            String plain = d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
            int dot = plain.indexOf('.');
            String integer = dot < 0 ? plain : plain.substring(0, dot);
            String fraction = dot < 0 ? "" : plain.substring(dot + 1);
            return new Digits(sign(v) + integer, fraction, 0);
        }

        /** Scientific, the shortest unique digits but at most {@link #PRECISION} after the point. */
        static Digits scientific(double v) {
            if (v == 0) {
                return new Digits(sign(v) + "0", "", 0);
            }
            BigDecimal d = shortest(Math.abs(v));
            if (d.precision() > PRECISION + 1) {
                d = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN))
                        .stripTrailingZeros();
            }
            Digits digits = scientific(d);
            return new Digits(sign(v) + digits.integer, digits.fraction, digits.exponent);
        }

        static Digits scientific(BigDecimal d) {
            String unscaled = d.unscaledValue().toString();
            return new Digits(unscaled.substring(0, 1), unscaled.substring(1), d.precision() - d.scale() - 1);
        }

        private static String sign(double v) {
            return v < 0 || Double.doubleToRawLongBits(v) == Long.MIN_VALUE ? "-" : "";
        }

        /** {@code d.ddde±XX}; {@code fractionDigits} −1 keeps the digits and drops a bare point. */
        String text(int fractionDigits, int exponentDigits) {
            String e = String.valueOf(Math.abs(exponent));
            e = (exponent < 0 ? "-" : "+") + "0".repeat(Math.max(0, exponentDigits - e.length())) + e;
            if (fractionDigits < 0) {
                return integer + (fraction.isEmpty() ? "" : "." + fraction) + "e" + e;
            }
            return integer + "." + fraction + "0".repeat(fractionDigits - fraction.length()) + "e" + e;
        }
    }

    /** numpy's {@code FloatingFormat}: one layout for every element, so that columns line up. */
    private record ElementFormat(boolean scientific, int padLeft, int padRight, int precision, int exponentDigits) {

        static ElementFormat choose(double[] values) {
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            boolean anyFinite = false;
            boolean negativeInfinity = false;
            boolean nonFinite = false;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    anyFinite = true;
                    if (v != 0) {
                        max = Math.max(max, Math.abs(v));
                        min = Math.min(min, Math.abs(v));
                    }
                } else {
                    nonFinite = true;
                    negativeInfinity |= v == Double.NEGATIVE_INFINITY;
                }
            }
            boolean scientific = max > 0 && (max >= 1e8 || min < 1e-4 || max / min > 1e3);
            int padLeft = 0;
            int padRight = 0;
            int precision = 0;
            int exponentDigits = 0;
            if (anyFinite) {
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    Digits d = scientific ? Digits.scientific(v) : Digits.positional(v);
                    padLeft = Math.max(padLeft, d.integer().length());
                    precision = Math.max(precision, d.fraction().length());
                    exponentDigits = Math.max(exponentDigits, Math.max(2, String.valueOf(Math.abs(d.exponent())).length()));
                }
                padRight = scientific ? exponentDigits + 2 + precision : precision;
            }
            if (nonFinite) {
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset));
            }
            return new ElementFormat(scientific, padLeft, padRight, precision, exponentDigits);
        }

        String format(double v) {
            if (!Double.isFinite(v)) {
                String s = Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
                return pad(s, padLeft + padRight + 1);
            }
            if (scientific) {
                Digits d = Digits.scientific(v);
                return pad(d.integer(), padLeft) + d.text(precision, exponentDigits).substring(d.integer().length());
            }
            Digits d = Digits.positional(v);
            return pad(d.integer(), padLeft) + "." + d.fraction() + " ".repeat(padRight - d.fraction().length());
        }

        private static String pad(String s, int width) {
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
