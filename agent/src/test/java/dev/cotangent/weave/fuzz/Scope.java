package dev.cotangent.weave.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The variables visible at a point of a method being generated, with what the generator
 * knows of them: the exact lengths of arrays and the range of every int, so that each index
 * it writes is in bounds.
 */
final class Scope {

    enum Type { DOUBLE, INT, BOOLEAN, ARRAY, MATRIX, VOID }

    /**
     * Where an array or matrix variable's value comes from: {@code FRESH}, allocated by the
     * method itself, so that overwriting its elements with raw (unsquashed) values outside
     * loops cannot compound from call to call, and (for a matrix) rows may be stored into it;
     * {@code SHARED}, not allocated here (a parameter, a for-each row) and never reassigned;
     * {@code ALIAS}, a local that refers to another array and may be made to refer to yet
     * another (an array a helper returned is one). Scalars have {@code NONE}.
     */
    enum Origin { NONE, FRESH, SHARED, ALIAS }

    /**
     * A variable. Ints hold values in {@code [lo, hi]} (never negative); an array has exactly
     * {@code len} elements, a matrix {@code len} rows of {@code cols}. Scalars that are not
     * {@code assignable} (loop counters, int parameters) are only read.
     */
    record Var(String name, Type type, int lo, int hi, int len, int cols, boolean assignable, Origin origin) {
        static Var real(String name, boolean assignable) {
            return new Var(name, Type.DOUBLE, 0, 0, 0, 0, assignable, Origin.NONE);
        }

        static Var integer(String name, int lo, int hi, boolean assignable) {
            return new Var(name, Type.INT, lo, hi, 0, 0, assignable, Origin.NONE);
        }

        static Var bool(String name) {
            return new Var(name, Type.BOOLEAN, 0, 0, 0, 0, false, Origin.NONE);
        }

        static Var array(String name, int len, Origin origin) {
            return new Var(name, Type.ARRAY, 0, 0, len, 0, origin == Origin.ALIAS, origin);
        }

        static Var matrix(String name, int rows, int cols, Origin origin) {
            return new Var(name, Type.MATRIX, 0, 0, rows, cols, false, origin);
        }

        boolean fresh() {
            return origin == Origin.FRESH;
        }

        /** An array that may be written, aliased and passed to calls. */
        boolean writableArray() {
            return type == Type.ARRAY;
        }
    }

    private final Deque<List<Var>> frames = new ArrayDeque<>();
    private int next;

    Scope() {
        frames.push(new ArrayList<>());
    }

    /** A name not used before in this method. */
    String fresh(String prefix) {
        return prefix + next++;
    }

    void push() {
        frames.push(new ArrayList<>());
    }

    void pop() {
        frames.pop();
    }

    Var add(Var v) {
        frames.peek().add(v);
        return v;
    }

    /** The visible variables that satisfy {@code p}, outermost first. */
    List<Var> all(Predicate<Var> p) {
        List<Var> out = new ArrayList<>();
        frames.descendingIterator().forEachRemaining(f -> f.stream().filter(p).forEach(out::add));
        return out;
    }

    List<Var> of(Type t) {
        return all(v -> v.type() == t);
    }

    /** The variables declared in the innermost block. */
    List<Var> innermost() {
        return List.copyOf(frames.peek());
    }

    /** One visible variable satisfying {@code p}, or null. */
    Var pick(SplittableRandom r, Predicate<Var> p) {
        List<Var> vs = all(p);
        return vs.isEmpty() ? null : vs.get(r.nextInt(vs.size()));
    }
}
