package dev.cotangent.einsum;

import dev.cotangent.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reference einsum the tests trust: its own parser (numpy's rules, written the obvious
 * way) and one loop over every assignment of values to all labels, multiplying the indexed
 * elements and adding into the output. Slow and independent of the code under test.
 */
final class NaiveEinsum {

    private NaiveEinsum() {}

    static Tensor evaluate(String spec, Tensor... operands) {
        String s = spec.replace(" ", "");
        boolean explicit = s.contains("->");
        String[] terms = (explicit ? s.substring(0, s.indexOf("->")) : s).split(",", -1);
        String outTerm = explicit ? s.substring(s.indexOf("->") + 2) : null;
        // Ellipsis axes become the characters \u0100, \u0101, … (right-aligned).
        int ellipsis = 0;
        for (int i = 0; i < terms.length; i++) {
            if (terms[i].contains("...")) {
                ellipsis = Math.max(ellipsis, operands[i].ndim() - (terms[i].length() - 3));
            }
        }
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            int own = operands[i].ndim() - (terms[i].length() - 3);
            inputs.add(terms[i].replace("...", ellipsisLabels(ellipsis - own, ellipsis)));
        }
        String output;
        if (explicit) {
            output = outTerm.replace("...", ellipsisLabels(0, ellipsis));
        } else {
            StringBuilder sb = new StringBuilder(ellipsisLabels(0, ellipsis));
            String all = String.join("", terms);
            TreeSet<Character> once = new TreeSet<>();
            for (char c : all.toCharArray()) {
                if (Character.isLetter(c) && all.indexOf(c) == all.lastIndexOf(c)) {
                    once.add(c);
                }
            }
            once.forEach(sb::append);
            output = sb.toString();
        }
        Map<Character, Integer> size = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            int[] shape = operands[i].shape();
            for (int a = 0; a < shape.length; a++) {
                size.merge(inputs.get(i).charAt(a), shape[a], Math::max);
            }
        }
        List<Character> labels = new ArrayList<>(size.keySet());
        int[] outShape = new int[output.length()];
        for (int a = 0; a < outShape.length; a++) {
            outShape[a] = size.get(output.charAt(a));
        }
        int outSize = 1;
        for (int d : outShape) {
            outSize *= d;
        }
        double[] out = new double[outSize];
        int[] value = new int[labels.size()];
        for (Character c : labels) {
            if (size.get(c) == 0) {
                return tensor(out, outShape);
            }
        }
        while (true) {
            double product = 1;
            for (int i = 0; i < inputs.size(); i++) {
                product *= element(operands[i], inputs.get(i), labels, value);
            }
            int flat = 0;
            for (int a = 0; a < output.length(); a++) {
                flat = flat * outShape[a] + value[labels.indexOf(output.charAt(a))];
            }
            out[flat] += product;
            int d = labels.size() - 1;
            for (; d >= 0; d--) {
                if (++value[d] < size.get(labels.get(d))) {
                    break;
                }
                value[d] = 0;
            }
            if (d < 0) {
                break;
            }
        }
        return tensor(out, outShape);
    }

    /** The element of an operand at the current label values; an axis of size 1 broadcasts. */
    private static double element(Tensor t, String term, List<Character> labels, int[] value) {
        int[] shape = t.shape();
        int[] index = new int[shape.length];
        for (int a = 0; a < shape.length; a++) {
            index[a] = shape[a] == 1 ? 0 : value[labels.indexOf(term.charAt(a))];
        }
        return t.get(index);
    }

    private static String ellipsisLabels(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int p = from; p < to; p++) {
            sb.append((char) (0x100 + p));
        }
        return sb.toString();
    }

    private static Tensor tensor(double[] data, int[] shape) {
        return shape.length == 0 ? Tensor.scalar(data[0]) : Tensor.of(data, shape);
    }
}
