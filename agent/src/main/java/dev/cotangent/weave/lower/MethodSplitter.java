package dev.cotangent.weave.lower;

import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps every generated method under HotSpot's limit for compiling a method at all
 * ({@value #LIMIT} bytes of bytecode; {@code -XX:+DontCompileHugeMethods} is the default, and
 * an interpreted adjoint runs 10–50 times slower).
 *
 * <p>A body that lowers too large is cut into pieces: long blocks are chopped, blocks are
 * grouped in order into pieces that lower small enough, and each piece becomes a static
 * method {@code name$k(double[] d, int[] i, long[] l, float[] f, Object[] a, int block)}. The
 * method's variables live in those five frame arrays between pieces: a piece loads the ones
 * it uses on entry, stores the ones it writes when control leaves for another piece, and
 * returns where to run next, the piece and its block as one number (−1 when the method
 * returns). The method itself keeps its name and descriptor and becomes the loop that calls
 * the piece that number names.
 */
public final class MethodSplitter {

    /** The largest method HotSpot compiles (bytes of bytecode), less a margin. */
    static final int LIMIT = 8000;
    private static final int TARGET = 6000;
    private static final int CHOP = 120;
    private static final String PIECE_DESCRIPTOR = "([D[I[J[F[Ljava/lang/Object;I)I";

    private final Body body;
    private final int access;
    private final String owner;
    private final String name;
    private final String descriptor;
    private final Map<Var, Integer> slot = new HashMap<>();
    /**
     * A piece returns where to go next as {@code piece · stride + block}, so that the driver
     * dispatches on the piece alone: a switch over every entry block made the driver of a
     * large body (second derivatives of an SVD) larger than the limit it enforces.
     */
    private int stride;
    private final Map<Kind, Integer> count = new EnumMap<>(Kind.class);

    private MethodSplitter(Body body, int access, String owner, String name, String descriptor) {
        this.body = body;
        this.access = access;
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
    }

    /**
     * {@code body} lowered as one method, or, when that is too large, as the method and its
     * pieces (all static, all with {@code access}). {@code owner} is the class the methods
     * will live in, which the method calls its pieces on.
     */
    public static List<MethodNode> lower(Body body, int access, String owner, String name, String descriptor) {
        MethodNode whole = Lowerer.lower(body, access, name, descriptor);
        if (maxSize(whole) <= TARGET || (access & Opcodes.ACC_STATIC) == 0) {
            return List.of(whole);
        }
        return new MethodSplitter(body, access, owner, name, descriptor).split();
    }

    /** The largest size the method's code can take once written. */
    public static int maxSize(MethodNode m) {
        CodeSizeEvaluator size = new CodeSizeEvaluator(null);
        m.accept(size);
        return size.getMaxSize();
    }

    private List<MethodNode> split() {
        chop();
        for (Block b : body.blocks()) {
            stride = Math.max(stride, b.id() + 1);
        }
        for (Var v : body.vars()) {
            int n = count.merge(v.kind(), 1, Integer::sum) - 1;
            slot.put(v, n);
        }
        List<List<Block>> groups = group();
        Map<Block, Integer> groupOf = new IdentityHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (Block b : groups.get(g)) {
                groupOf.put(b, g);
            }
        }
        // Halve any group whose piece still lowers too large (many variables to load and save).
        while (true) {
            Set<Block> entries = entries(groupOf);
            List<MethodNode> pieces = new ArrayList<>();
            int tooLarge = -1;
            for (int g = 0; g < groups.size() && tooLarge < 0; g++) {
                MethodNode m = Lowerer.lower(piece(groups.get(g), groupOf, g, entries), pieceAccess(), pieceName(g),
                        PIECE_DESCRIPTOR);
                if (maxSize(m) > TARGET && groups.get(g).size() > 1) {
                    tooLarge = g;
                }
                pieces.add(m);
            }
            if (tooLarge < 0) {
                List<MethodNode> out = new ArrayList<>();
                out.add(Lowerer.lower(driver(groupOf, groups.size()), access, name, descriptor));
                out.addAll(pieces);
                return out;
            }
            List<Block> big = groups.remove(tooLarge);
            groups.add(tooLarge, new ArrayList<>(big.subList(big.size() / 2, big.size())));
            groups.add(tooLarge, new ArrayList<>(big.subList(0, big.size() / 2)));
            groupOf.clear();
            for (int g = 0; g < groups.size(); g++) {
                for (Block b : groups.get(g)) {
                    groupOf.put(b, g);
                }
            }
        }
    }

    /** Blocks control can enter from another piece (or at the start). */
    private Set<Block> entries(Map<Block, Integer> groupOf) {
        Set<Block> entries = new LinkedHashSet<>();
        entries.add(body.entry());
        for (Block b : body.blocks()) {
            for (Block s : b.exit().successors()) {
                if (!groupOf.get(s).equals(groupOf.get(b))) {
                    entries.add(s);
                }
            }
        }
        return entries;
    }

    private int pieceAccess() {
        return Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
    }

    private String pieceName(int g) {
        return name + "$" + g;
    }

    /**
     * Long blocks become chains of blocks of about {@value #CHOP} instructions. A cut never
     * falls between {@code new} and its constructor call: an object under construction
     * cannot be kept in a frame array, so it must not outlive its block.
     */
    private void chop() {
        int n = body.blocks().size();
        for (int b = 0; b < n; b++) {
            Block block = body.blocks().get(b);
            int cut;
            while (block.insns().size() > CHOP && (cut = cut(block.insns())) < block.insns().size()) {
                Block rest = body.newBlock();
                List<Insn> tail = new ArrayList<>(block.insns().subList(cut, block.insns().size()));
                block.insns().subList(cut, block.insns().size()).clear();
                rest.insns().addAll(tail);
                rest.setExit(block.exit());
                block.setExit(new Exit.Goto(rest, -1));
                block = rest;
            }
        }
    }

    /** Where to cut a long block: at {@value #CHOP}, or later, past a constructor call in progress. */
    private static int cut(List<Insn> insns) {
        Set<Var> constructing = new java.util.HashSet<>();
        for (int i = 0; i < insns.size(); i++) {
            if (i >= CHOP && constructing.isEmpty()) {
                return i;
            }
            Insn insn = insns.get(i);
            if (insn instanceof Insn.NewObject n) {
                constructing.add(n.dst());
            } else if (insn instanceof Insn.Invoke call && call.name().equals("<init>") && !call.args().isEmpty()) {
                constructing.remove(call.args().get(0));
            }
        }
        return insns.size();
    }

    /** Blocks in order, cut whenever the estimate of a piece passes the target size. */
    private List<List<Block>> group() {
        List<List<Block>> groups = new ArrayList<>();
        List<Block> current = new ArrayList<>();
        int size = 0;
        for (Block b : body.blocks()) {
            int estimate = 12 * (b.insns().size() + 1) + 24;
            if (!current.isEmpty() && size + estimate > TARGET / 2) {
                groups.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(b);
            size += estimate;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    // ------------------------------------------------------------------ pieces

    private record Frame(Var[] arrays) {
        Var of(Kind k) {
            return arrays[k.ordinal()];
        }
    }

    private static final Kind[] ORDER = {Kind.DOUBLE, Kind.INT, Kind.LONG, Kind.FLOAT, Kind.REF};
    private static final String[] ARRAY = {"[D", "[I", "[J", "[F", "[Ljava/lang/Object;"};

    private Frame frameParams(Body piece) {
        Var[] arrays = new Var[Kind.values().length];
        for (int k = 0; k < ORDER.length; k++) {
            Var v = piece.var("frame" + ORDER[k].letter(), Kind.REF);
            piece.addParam(v, Type.getType(ARRAY[k]));
            arrays[ORDER[k].ordinal()] = v;
        }
        return new Frame(arrays);
    }

    private Body piece(List<Block> group, Map<Block, Integer> groupOf, int g, Set<Block> entries) {
        Body piece = new Body(owner, pieceName(g), PIECE_DESCRIPTOR);
        Frame frame = frameParams(piece);
        Var target = piece.var("target", Kind.INT);
        piece.addParam(target, Type.INT_TYPE);
        Map<Var, Var> vars = new IdentityHashMap<>();
        java.util.function.UnaryOperator<Var> map = v -> vars.computeIfAbsent(v, k ->
                piece.var("v" + k.id(), k.kind()));
        Set<Var> used = new LinkedHashSet<>();
        Set<Var> written = new LinkedHashSet<>();
        for (Block b : group) {
            for (Insn i : b.insns()) {
                used.addAll(i.uses());
                if (i.def() != null) {
                    used.add(i.def());
                    written.add(i.def());
                }
            }
            used.addAll(Rename.uses(b.exit()));
        }
        BodyBuilder emit = new BodyBuilder(piece);
        Block start = piece.newBlock();
        Map<Block, Block> blocks = new IdentityHashMap<>();
        for (Block b : group) {
            blocks.put(b, piece.newBlock());
        }
        emit.at(start);
        for (Var v : used) {
            Var index = constant(emit, slot.get(v));
            emit.add(new Insn.ArrayLoad(map.apply(v), loadOpcode(v.kind()), frame.of(v.kind()), index,
                    Type.getType(ARRAY[indexOf(v.kind())]), -1));
        }
        List<Block> targets = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (Block b : group) {
            if (entries.contains(b)) {
                keys.add(b.id());
                targets.add(blocks.get(b));
            }
        }
        Block corrupt = piece.newBlock();
        emit.exit(new Exit.Switch(target, keys.stream().mapToInt(Integer::intValue).toArray(), targets, corrupt, -1));
        emit.at(corrupt);
        Var minusTwo = constant(emit, -2);
        emit.exit(new Exit.Return(minusTwo, -1));
        Map<Block, Block> leaving = new IdentityHashMap<>();
        for (Block b : group) {
            emit.at(blocks.get(b));
            for (Insn i : b.insns()) {
                emit.add(Rename.insn(i, map, map));
            }
            Exit exit = b.exit();
            if (exit instanceof Exit.Return r) {
                if (r.value() != null) {
                    store(emit, frame, map.apply(r.value()), returnSlot(r.value().kind()), r.value().kind());
                }
                emit.exit(new Exit.Return(constant(emit, -1), exit.line()));
            } else {
                emit.exit(Rename.exit(exit, map, s -> groupOf.get(s) == g ? blocks.get(s)
                        : leaving.computeIfAbsent(s, x -> leave(piece, emit, frame, written, map, x, groupOf.get(x)))));
            }
        }
        return piece;
    }

    /** A block that saves what the piece wrote and returns where to go: the next piece and its block. */
    private Block leave(Body piece, BodyBuilder emit, Frame frame, Set<Var> written,
                        java.util.function.UnaryOperator<Var> map, Block to, int toPiece) {
        Block here = emit.current();
        Block out = piece.newBlock();
        emit.at(out);
        for (Var v : written) {
            store(emit, frame, map.apply(v), slot.get(v), v.kind());
        }
        emit.exit(new Exit.Return(constant(emit, encode(toPiece, to)), -1));
        emit.at(here);
        return out;
    }

    private void store(BodyBuilder emit, Frame frame, Var value, int index, Kind kind) {
        emit.add(new Insn.ArrayStore(storeOpcode(kind), frame.of(kind), constant(emit, index), value,
                Type.getType(ARRAY[indexOf(kind)]), -1));
    }

    /** The frame slot after the variables' that carries a return value of this kind. */
    private int returnSlot(Kind kind) {
        return count.getOrDefault(kind, 0);
    }

    // ------------------------------------------------------------------ the driver

    private int encode(int piece, Block block) {
        return Math.addExact(Math.multiplyExact(piece, stride), block.id());
    }

    /**
     * The method itself: the frame arrays, then a loop that calls the piece holding the next
     * block, {@code target / stride}, with the block, {@code target % stride}, until a piece
     * returns a negative number (−1: the method returned).
     */
    private Body driver(Map<Block, Integer> groupOf, int pieces) {
        Body driver = new Body(owner, name, descriptor);
        for (int i = 0; i < body.params().size(); i++) {
            Var p = body.params().get(i);
            driver.addParam(driver.var("p" + p.id(), p.kind()), body.paramTypes().get(i));
        }
        BodyBuilder emit = new BodyBuilder(driver);
        Block start = driver.newBlock();
        Block loop = driver.newBlock();
        Block dispatch = driver.newBlock();
        emit.at(start);
        Var[] arrays = new Var[Kind.values().length];
        for (int k = 0; k < ORDER.length; k++) {
            Var a = driver.var("frame" + ORDER[k].letter(), Kind.REF);
            emit.add(new Insn.NewArray(a, Type.getType(ARRAY[k]), List.of(constant(emit,
                    count.getOrDefault(ORDER[k], 0) + 1)), -1));
            arrays[ORDER[k].ordinal()] = a;
        }
        Frame frame = new Frame(arrays);
        for (int i = 0; i < body.params().size(); i++) {
            Var p = body.params().get(i);
            store(emit, frame, driver.params().get(i), slot.get(p), p.kind());
        }
        Var target = driver.var("target", Kind.INT);
        emit.add(new Insn.Const(target, encode(groupOf.get(body.entry()), body.entry()), -1));
        emit.exit(new Exit.Goto(loop, -1));
        Block done = driver.newBlock();
        emit.at(loop);
        emit.exit(new Exit.Branch(Opcodes.IFLT, target, null, done, dispatch, -1));
        emit.at(dispatch);
        Var strideConstant = constant(emit, stride);
        Var piece = driver.var("piece", Kind.INT);
        emit.add(new Insn.Binary(piece, Opcodes.IDIV, target, strideConstant, -1));
        Var block = driver.var("block", Kind.INT);
        emit.add(new Insn.Binary(block, Opcodes.IREM, target, strideConstant, -1));
        List<Block> calls = new ArrayList<>();
        int[] keys = new int[pieces];
        for (int g = 0; g < pieces; g++) {
            keys[g] = g;
            Block call = driver.newBlock();
            calls.add(call);
        }
        emit.exit(new Exit.Switch(piece, keys, calls, done, -1));
        for (int g = 0; g < pieces; g++) {
            emit.at(calls.get(g));
            List<Var> args = new ArrayList<>();
            for (Kind k : ORDER) {
                args.add(frame.of(k));
            }
            args.add(block);
            emit.add(new Insn.Invoke(target, Opcodes.INVOKESTATIC, owner, pieceName(g), PIECE_DESCRIPTOR, false, args,
                    -1));
            emit.exit(new Exit.Goto(loop, -1));
        }
        emit.at(done);
        Type ret = Type.getReturnType(descriptor);
        if (ret.getSort() == Type.VOID) {
            emit.exit(new Exit.Return(null, -1));
        } else {
            Kind k = Kind.of(ret);
            Var value = driver.temp(k);
            emit.add(new Insn.ArrayLoad(value, loadOpcode(k), frame.of(k), constant(emit, returnSlot(k)),
                    Type.getType(ARRAY[indexOf(k)]), -1));
            emit.exit(new Exit.Return(value, -1));
        }
        return driver;
    }

    private static Var constant(BodyBuilder emit, int value) {
        Var c = emit.body().temp(Kind.INT);
        emit.add(new Insn.Const(c, value, -1));
        return c;
    }

    private static int indexOf(Kind k) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i] == k) {
                return i;
            }
        }
        throw new IllegalArgumentException(k.toString());
    }

    private static int loadOpcode(Kind k) {
        return switch (k) {
            case DOUBLE -> Opcodes.DALOAD;
            case INT -> Opcodes.IALOAD;
            case LONG -> Opcodes.LALOAD;
            case FLOAT -> Opcodes.FALOAD;
            case REF -> Opcodes.AALOAD;
        };
    }

    private static int storeOpcode(Kind k) {
        return switch (k) {
            case DOUBLE -> Opcodes.DASTORE;
            case INT -> Opcodes.IASTORE;
            case LONG -> Opcodes.LASTORE;
            case FLOAT -> Opcodes.FASTORE;
            case REF -> Opcodes.AASTORE;
        };
    }
}
