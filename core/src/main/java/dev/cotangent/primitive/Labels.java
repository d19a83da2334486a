package dev.cotangent.primitive;

/** Einsum labels for specs built from ranks: one letter per axis, and one kept fresh. */
final class Labels {

    /** A label no axis gets from {@link #of}, for a summed copy of an axis. */
    static final char FRESH = 'z';

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Labels() {}

    /** {@code "abc…"} for a tensor of the given rank. */
    static String of(int rank) {
        if (rank > LETTERS.length()) {
            throw new IllegalArgumentException("rank " + rank + " exceeds the " + LETTERS.length()
                    + " einsum labels available");
        }
        return LETTERS.substring(0, rank);
    }

    /** {@code count} labels starting after the first {@code skip}. */
    static String of(int skip, int count) {
        return of(skip + count).substring(skip);
    }
}
