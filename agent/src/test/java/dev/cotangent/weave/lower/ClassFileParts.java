package dev.cotangent.weave.lower;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw parts of a class file (JVMS §4): each field's and method's {@code field_info} /
 * {@code method_info} bytes (access flags, name and descriptor indices, and every attribute —
 * code, stack-map frames, line numbers, annotations) by name + descriptor, and the class's
 * own attributes' contents by attribute name. Read by hand, not with ASM, so that it checks
 * what ASM writes: a woven class copies its original's constant pool, so a part it kept is
 * byte for byte the same.
 *
 * @param major      the class file's major version
 * @param fields     {@code field_info} by name + descriptor, in class-file order
 * @param methods    {@code method_info} by name + descriptor, in class-file order
 * @param attributes each class attribute's content by name, in class-file order
 */
public record ClassFileParts(int major, Map<String, byte[]> fields, Map<String, byte[]> methods,
                             Map<String, byte[]> attributes) {

    /** The parts of {@code classFile}. */
    public static ClassFileParts of(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        int major = in.getShort(6) & 0xFFFF;
        in.position(8);
        int count = in.getShort() & 0xFFFF;
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.get();
            switch (tag) {
                case 1 -> {
                    byte[] text = new byte[in.getShort() & 0xFFFF];
                    in.get(text);
                    // Modified UTF-8 and UTF-8 agree on the names and descriptors read here.
                    utf8[i] = new String(text, StandardCharsets.UTF_8);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(in, 4);
                case 5, 6 -> {
                    skip(in, 8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> skip(in, 2);
                case 15 -> skip(in, 3);
                default -> throw new IllegalArgumentException("constant pool tag " + tag + " at entry " + i);
            }
        }
        skip(in, 6);
        skip(in, 2 * (in.getShort() & 0xFFFF));
        Map<String, byte[]> fields = members(in, classFile, utf8);
        Map<String, byte[]> methods = members(in, classFile, utf8);
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        int n = in.getShort() & 0xFFFF;
        for (int a = 0; a < n; a++) {
            String name = utf8[in.getShort() & 0xFFFF];
            byte[] content = new byte[in.getInt()];
            in.get(content);
            attributes.put(name, content);
        }
        return new ClassFileParts(major, fields, methods, attributes);
    }

    /** The major version of {@code classFile}. */
    public static int major(byte[] classFile) {
        return ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    }

    /** {@code classFile} with its major version set to {@code major}. */
    public static byte[] withMajor(byte[] classFile, int major) {
        byte[] copy = classFile.clone();
        copy[6] = (byte) (major >> 8);
        copy[7] = (byte) major;
        return copy;
    }

    private static Map<String, byte[]> members(ByteBuffer in, byte[] classFile, String[] utf8) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        int count = in.getShort() & 0xFFFF;
        for (int m = 0; m < count; m++) {
            int start = in.position();
            String key = utf8[in.getShort(start + 2) & 0xFFFF] + utf8[in.getShort(start + 4) & 0xFFFF];
            skip(in, 6);
            int attributes = in.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                skip(in, 2);
                skip(in, in.getInt());
            }
            found.put(key, Arrays.copyOfRange(classFile, start, in.position()));
        }
        return found;
    }

    private static void skip(ByteBuffer in, int bytes) {
        in.position(in.position() + bytes);
    }
}
