package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Tensor#toString()} against numpy's {@code str()}. Every expected string is written
 * by hand from numpy's {@code array2string} rules (precision 8, threshold 1000, edge items 3,
 * line width 75): shortest unique digits, decimal points aligned by padding on the left and
 * on the right, scientific when the non-zero magnitudes reach 1e8, fall below 1e-4 or span
 * more than 1000×, and a rank-0 tensor printed as Python prints the float.
 */
class TensorFormatTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void integersPrintWithATrailingPoint() {
        assertThat(vector(1, 2, 3)).hasToString("[1. 2. 3.]");
        assertThat(vector(-1, 0, 10)).hasToString("[-1.  0. 10.]");
        assertThat(Tensor.zeros(3)).hasToString("[0. 0. 0.]");
        assertThat(vector(10_000_000)).hasToString("[10000000.]");
    }

    @Test
    void fractionsPadOnTheRightToAlignThePoint() {
        assertThat(vector(0.5, 0.25)).hasToString("[0.5  0.25]");
        assertThat(vector(1.5, 2)).hasToString("[1.5 2. ]");
        assertThat(vector(-1, 2.5)).hasToString("[-1.   2.5]");
        assertThat(vector(0.1, 10.25, -3)).hasToString("[ 0.1  10.25 -3.  ]");
    }

    @Test
    void atMostEightDecimalsRoundedHalfToEven() {
        assertThat(vector(1 / 3.0, 2 / 3.0)).hasToString("[0.33333333 0.66666667]");
        // 2⁻⁹ = 0.001953125 exactly: the ninth digit is a tie, which goes to the even 2.
        assertThat(vector(0.001953125)).hasToString("[0.00195312]");
        assertThat(vector(Math.PI, Math.E)).hasToString("[3.14159265 2.71828183]");
    }

    @Test
    void matricesAlignColumnsAndIndentRows() {
        assertThat(Tensor.of(new double[][] {{1, 2}, {3, 4}})).hasToString("[[1. 2.]\n [3. 4.]]");
        assertThat(Tensor.of(new double[][] {{1, -2.5}, {30, 4}})).hasToString("[[ 1.  -2.5]\n [30.   4. ]]");
        assertThat(Tensor.zeros(1, 3)).hasToString("[[0. 0. 0.]]");
    }

    @Test
    void higherRanksAreSeparatedByBlankLines() {
        assertThat(Np.reshape(Naive.iota(8), 2, 2, 2))
                .hasToString("[[[0. 1.]\n  [2. 3.]]\n\n [[4. 5.]\n  [6. 7.]]]");
        assertThat(Tensor.zeros(2, 1, 1, 2)).hasToString("[[[[0. 0.]]]\n\n\n [[[0. 0.]]]]");
    }

    @Test
    void rankZeroPrintsLikeAPythonFloat() {
        assertThat(Tensor.scalar(5)).hasToString("5.0");
        assertThat(Tensor.of(new double[] {5}, new int[0])).hasToString("5.0");
        assertThat(Tensor.scalar(0.1)).hasToString("0.1");
        assertThat(Tensor.scalar(-2.75)).hasToString("-2.75");
        assertThat(Tensor.scalar(1 / 3.0)).hasToString("0.3333333333333333");
        assertThat(Tensor.scalar(0.0)).hasToString("0.0");
        assertThat(Tensor.scalar(-0.0)).hasToString("-0.0");
        assertThat(Tensor.scalar(1e-4)).hasToString("0.0001");
        assertThat(Tensor.scalar(1.5e-5)).hasToString("1.5e-05");
        assertThat(Tensor.scalar(1e15)).hasToString("1000000000000000.0");
        assertThat(Tensor.scalar(1e16)).hasToString("1e+16");
        assertThat(Tensor.scalar(-1.25e200)).hasToString("-1.25e+200");
        assertThat(Tensor.scalar(NAN)).hasToString("nan");
        assertThat(Tensor.scalar(INF)).hasToString("inf");
        assertThat(Tensor.scalar(-INF)).hasToString("-inf");
    }

    @Test
    void emptyTensorsPrintAsEmptyBrackets() {
        assertThat(Tensor.zeros(0)).hasToString("[]");
        assertThat(Tensor.zeros(2, 0)).hasToString("[]");
        assertThat(Tensor.zeros(0, 3, 1)).hasToString("[]");
    }

    @Test
    void nanAndInfinityAreRightAligned() {
        assertThat(vector(1, NAN, INF)).hasToString("[ 1. nan inf]");
        assertThat(vector(NAN, -INF)).hasToString("[ nan -inf]");
        assertThat(vector(NAN, INF)).hasToString("[nan inf]");
        assertThat(vector(-INF, 1.5)).hasToString("[-inf  1.5]");
        assertThat(vector(1e-5, INF)).hasToString("[1.e-05    inf]");
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertThat(vector(-0.0, 1)).hasToString("[-0.  1.]");
    }

    @Test
    void tinyHugeAndWideRangesAreScientific() {
        assertThat(vector(1e-5, 1)).hasToString("[1.e-05 1.e+00]");
        assertThat(vector(1.5e-5, 1)).hasToString("[1.5e-05 1.0e+00]");
        assertThat(vector(-1e-5, 1)).hasToString("[-1.e-05  1.e+00]");
        assertThat(vector(1e8)).hasToString("[1.e+08]");
        assertThat(vector(123456789)).hasToString("[1.23456789e+08]");
        // max/min > 1000 switches even for small integers ...
        assertThat(vector(1, 1e4)).hasToString("[1.e+00 1.e+04]");
        assertThat(vector(0.1, 100.5)).hasToString("[1.000e-01 1.005e+02]");
        // ... zeros do not count towards the range ...
        assertThat(vector(0, 1000)).hasToString("[   0. 1000.]");
        // ... and three-digit exponents widen every element's exponent.
        assertThat(vector(1e-300, 1e300)).hasToString("[1.e-300 1.e+300]");
        assertThat(vector(1e-300, 1)).hasToString("[1.e-300 1.e+000]");
    }

    @Test
    void longRowsWrapAtSeventyFiveColumns() {
        assertThat(Naive.iota(30)).hasToString(
                "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n"
                        + " 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]");
        assertThat(Naive.iota(2, 20)).hasToString(
                "[[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n"
                        + "  18. 19.]\n"
                        + " [20. 21. 22. 23. 24. 25. 26. 27. 28. 29. 30. 31. 32. 33. 34. 35. 36. 37.\n"
                        + "  38. 39.]]");
    }

    @Test
    void moreThanAThousandElementsAreSummarised() {
        // The format is chosen from the shown edges only: 0…2 and 998…1000 stay positional.
        assertThat(Naive.iota(1001)).hasToString("[   0.    1.    2. ...  998.  999. 1000.]");
        String thousand = Naive.iota(1000).toString();
        assertThat(thousand).doesNotContain("...").startsWith("[  0.   1.   2.").endsWith(" 998. 999.]");
        assertThat(thousand.split("\\.")).hasSize(1001);
        // 0 … 2999 spans more than 1000× among the non-zero elements: numpy goes scientific.
        assertThat(Naive.iota(1000, 3)).hasToString(
                "[[0.000e+00 1.000e+00 2.000e+00]\n"
                        + " [3.000e+00 4.000e+00 5.000e+00]\n"
                        + " [6.000e+00 7.000e+00 8.000e+00]\n"
                        + " ...\n"
                        + " [2.991e+03 2.992e+03 2.993e+03]\n"
                        + " [2.994e+03 2.995e+03 2.996e+03]\n"
                        + " [2.997e+03 2.998e+03 2.999e+03]]");
        assertThat(Np.add(Naive.iota(40, 50), Tensor.scalar(100))).hasToString(
                "[[ 100.  101.  102. ...  147.  148.  149.]\n"
                        + " [ 150.  151.  152. ...  197.  198.  199.]\n"
                        + " [ 200.  201.  202. ...  247.  248.  249.]\n"
                        + " ...\n"
                        + " [1950. 1951. 1952. ... 1997. 1998. 1999.]\n"
                        + " [2000. 2001. 2002. ... 2047. 2048. 2049.]\n"
                        + " [2050. 2051. 2052. ... 2097. 2098. 2099.]]");
    }

    @Test
    void summarisedCubesKeepBlankLinesAroundTheEllipsis() {
        assertThat(Np.add(Naive.iota(8, 1, 130), Tensor.scalar(1000))).hasToString(
                "[[[1000. 1001. 1002. ... 1127. 1128. 1129.]]\n\n"
                        + " [[1130. 1131. 1132. ... 1257. 1258. 1259.]]\n\n"
                        + " [[1260. 1261. 1262. ... 1387. 1388. 1389.]]\n\n"
                        + " ...\n\n"
                        + " [[1650. 1651. 1652. ... 1777. 1778. 1779.]]\n\n"
                        + " [[1780. 1781. 1782. ... 1907. 1908. 1909.]]\n\n"
                        + " [[1910. 1911. 1912. ... 2037. 2038. 2039.]]]");
    }

    private static Tensor vector(double... values) {
        return Tensor.of(values);
    }
}
