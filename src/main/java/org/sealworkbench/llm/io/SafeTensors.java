package org.sealworkbench.llm.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader for the safetensors format: an 8-byte little-endian header length N, N bytes of JSON header
 * ({name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {..}}), then raw little-endian data.
 * Tensors are memory-mapped one at a time, so files over 2 GB work as long as each tensor is under 2 GB.
 * The whole header is validated on open, so a corrupt file fails early with its name in the message.
 */
public final class SafeTensors implements AutoCloseable {
    /** The reference implementation caps the header at 100 MB; larger means a corrupt length field. */
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafeTensors(Path file, FileChannel channel, long dataStart,
                        Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    public static SafeTensors open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SafeTensorsException(file, "file not found");
        } catch (IOException e) {
            throw new SafeTensorsException(file, "cannot open: " + e.getMessage(), e);
        }
        try {
            long size = ch.size();
            if (size < 8) throw new SafeTensorsException(file, "too short for a safetensors file (" + size + " bytes, need at least 8)");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long n = lenBuf.getLong(0);
            if (n < 2 || n > MAX_HEADER) throw new SafeTensorsException(file, "implausible header length " + n + " (corrupt file?)");
            if (8 + n > size) {
                throw new SafeTensorsException(file, "header length " + n + " runs beyond the end of the file ("
                        + size + " bytes; truncated?)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8, file);
            String json;
            try {
                json = StandardCharsets.UTF_8.newDecoder().decode(hb.rewind()).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new SafeTensorsException(file, "header is not UTF-8 text");
            }
            long dataStart = 8 + n;
            long dataLen = size - dataStart;
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, TensorInfo> infos = parseHeader(file, json, dataLen, meta);
            return new SafeTensors(file, ch, dataStart, Collections.unmodifiableMap(infos), Collections.unmodifiableMap(meta));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new SafeTensorsException(file, "read failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /**
     * Parses the header as the reference implementation does (serde into typed fields): a JSON object whose
     * keys appear once; "__metadata__" an object of strings; every other entry {dtype, shape, data_offsets}
     * with shape and offsets whole non-negative numbers (not 64.5, not "64"). Read with a strict streaming
     * reader because Gson's tree parser is lenient and keeps the last of two equal keys.
     */
    private static Map<String, TensorInfo> parseHeader(Path file, String json, long dataLen, Map<String, String> meta) {
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        try {
            // Syntax first, so that a cut or garbled header says so rather than what it found first.
            JsonReader check = new JsonReader(new StringReader(json));
            check.setStrictness(Strictness.STRICT);
            check.skipValue();
            if (check.peek() != JsonToken.END_DOCUMENT) throw new SafeTensorsException(file, "header: content after the JSON object");
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new SafeTensorsException(file, "header is not valid JSON (" + m.replaceAll(" path \\S*$", "") + ")", e);
        }
        JsonReader in = new JsonReader(new StringReader(json));
        in.setStrictness(Strictness.STRICT);
        String where = "header";
        try {
            if (in.peek() != JsonToken.BEGIN_OBJECT) throw new SafeTensorsException(file, "header is not a JSON object");
            in.beginObject();
            boolean sawMeta = false;
            while (in.hasNext()) {
                String name = in.nextName();
                if (name.equals("__metadata__")) {
                    where = "__metadata__";
                    if (sawMeta) throw new SafeTensorsException(file, "header: key \"__metadata__\" appears twice");
                    sawMeta = true;
                    parseMetadata(file, in, meta);
                    continue;
                }
                where = "tensor \"" + name + "\"";
                if (infos.containsKey(name)) throw new SafeTensorsException(file, where + ": appears twice in the header");
                infos.put(name, parseEntry(file, name, in));
            }
            in.endObject();
            where = "header";
            // Only white space may follow the object (the writer pads the header with spaces).
            if (in.peek() != JsonToken.END_DOCUMENT) throw new SafeTensorsException(file, "header: content after the JSON object");
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new SafeTensorsException(file, where + ": header is not valid JSON (" + m + ")", e);
        }
        validateLayout(file, infos, dataLen);
        return infos;
    }

    private static void parseMetadata(Path file, JsonReader in, Map<String, String> meta) throws IOException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) throw new SafeTensorsException(file, "__metadata__ is not a JSON object");
        in.beginObject();
        while (in.hasNext()) {
            String k = in.nextName();
            if (in.peek() != JsonToken.STRING) {
                throw new SafeTensorsException(file, "__metadata__ value of \"" + k + "\" is not a string");
            }
            if (meta.put(k, in.nextString()) != null) {
                throw new SafeTensorsException(file, "__metadata__ key \"" + k + "\" appears twice");
            }
        }
        in.endObject();
    }

    private static TensorInfo parseEntry(Path file, String name, JsonReader in) throws IOException {
        String where = "tensor \"" + name + "\"";
        if (in.peek() != JsonToken.BEGIN_OBJECT) throw new SafeTensorsException(file, where + ": entry is not a JSON object");
        in.beginObject();
        String dtype = null;
        long[] shape = null;
        long[] offs = null;
        while (in.hasNext()) {
            String key = in.nextName();
            switch (key) {
                case "dtype" -> {
                    if (dtype != null) throw new SafeTensorsException(file, where + ": \"dtype\" appears twice");
                    if (in.peek() != JsonToken.STRING) throw new SafeTensorsException(file, where + ": dtype is not a string");
                    dtype = in.nextString();
                }
                case "shape" -> {
                    if (shape != null) throw new SafeTensorsException(file, where + ": \"shape\" appears twice");
                    shape = wholeNumbers(file, where + ": shape", in);
                }
                case "data_offsets" -> {
                    if (offs != null) throw new SafeTensorsException(file, where + ": \"data_offsets\" appears twice");
                    offs = wholeNumbers(file, where + ": data_offsets", in);
                }
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (dtype == null || shape == null || offs == null) {
            throw new SafeTensorsException(file, where + ": entry needs dtype, shape and data_offsets");
        }
        int esize = DType.size(dtype);
        if (esize < 0) throw new SafeTensorsException(file, where + ": unknown dtype \"" + dtype + "\"");
        if (offs.length != 2) throw new SafeTensorsException(file, where + ": data_offsets must have 2 entries");
        long begin = offs[0];
        long end = offs[1];
        if (end < begin) throw new SafeTensorsException(file, where + ": bad data_offsets [" + begin + ", " + end + "]");
        long expect;
        try {
            long n = 1;
            for (long d : shape) n = Math.multiplyExact(n, d);
            expect = Math.multiplyExact(n, (long) esize);
        } catch (ArithmeticException e) {
            throw new SafeTensorsException(file, where + ": shape " + java.util.Arrays.toString(shape)
                    + " has more elements than any file can hold (overflow)");
        }
        if (end - begin != expect) {
            throw new SafeTensorsException(file, where + ": data size " + (end - begin) + " bytes does not match shape "
                    + java.util.Arrays.toString(shape) + " x " + dtype + " = " + expect + " bytes");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** A JSON array of whole numbers 0..2^63-1 written as plain digits (as serde reads a usize). */
    private static long[] wholeNumbers(Path file, String where, JsonReader in) throws IOException {
        if (in.peek() != JsonToken.BEGIN_ARRAY) throw new SafeTensorsException(file, where + " is not an array");
        in.beginArray();
        List<Long> out = new ArrayList<>();
        while (in.hasNext()) {
            if (in.peek() != JsonToken.NUMBER) {
                throw new SafeTensorsException(file, where + ": entry " + out.size() + " is not a number ("
                        + RecordKind.of(in.peek()) + ")");
            }
            String digits = in.nextString();
            if (!digits.matches("[0-9]+")) {
                throw new SafeTensorsException(file, where + ": entry " + out.size() + " is " + digits
                        + ", not a whole non-negative number");
            }
            try {
                out.add(Long.parseLong(digits));
            } catch (NumberFormatException e) {
                throw new SafeTensorsException(file, where + ": entry " + out.size() + " (" + digits + ") is too large");
            }
        }
        in.endArray();
        long[] a = new long[out.size()];
        for (int i = 0; i < a.length; i++) a[i] = out.get(i);
        return a;
    }

    /** Names a JSON token for messages. */
    private static final class RecordKind {
        static String of(JsonToken t) {
            return switch (t) {
                case STRING -> "a string";
                case BEGIN_ARRAY -> "an array";
                case BEGIN_OBJECT -> "an object";
                case BOOLEAN -> "true or false";
                case NULL -> "null";
                default -> t.name();
            };
        }
    }

    /**
     * As the reference implementation: sorted by offset, tensors must tile the data section exactly, each
     * starting where the previous ended, the last ending at the file's end (no gap, no overlap, no extra
     * bytes). A header length off by one shows up here, as a data section one byte longer or shorter.
     */
    private static void validateLayout(Path file, Map<String, TensorInfo> infos, long dataLen) {
        List<TensorInfo> sorted = new ArrayList<>(infos.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long prevEnd = 0;
        String prevName = null;
        for (TensorInfo t : sorted) {
            if (t.end() > dataLen) {
                throw new SafeTensorsException(file, "tensor \"" + t.name() + "\": data_offsets [" + t.begin() + ", " + t.end()
                        + "] lie beyond the data section (" + dataLen + " bytes; truncated?)");
            }
            if (t.begin() < prevEnd) {
                throw new SafeTensorsException(file, "tensor \"" + t.name() + "\" overlaps tensor \"" + prevName + "\"");
            }
            if (t.begin() > prevEnd) {
                throw new SafeTensorsException(file, "tensor \"" + t.name() + "\": data starts at " + t.begin()
                        + " but the previous tensor ends at " + prevEnd + " (a gap of unused bytes)");
            }
            prevEnd = t.end();
            prevName = t.name();
        }
        if (prevEnd != dataLen) {
            throw new SafeTensorsException(file, "the tensors' data ends at byte " + prevEnd + " of the data section but the file has "
                    + dataLen + " data bytes (" + (dataLen - prevEnd) + " extra; wrong header length or appended bytes?)");
        }
    }

    /** Fails naming the file, tensor and element when a weight is NaN or infinite. */
    public static void requireFinite(Path file, String name, FloatBuffer values) {
        for (int i = 0, n = values.limit(); i < n; i++) {
            float v = values.get(i);
            if (!Float.isFinite(v)) {
                throw new SafeTensorsException(file, "tensor \"" + name + "\": element " + i + " is " + v
                        + " (a non-finite weight; the checkpoint is corrupt or training diverged)");
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Tensor entries in the header's order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The header's "__metadata__" strings (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    public TensorInfo info(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) throw new SafeTensorsException(file, "no tensor named \"" + name + "\"");
        return t;
    }

    /** Maps one tensor's bytes (little-endian). Each tensor must be under 2 GB. */
    public ByteBuffer bytes(String name) {
        TensorInfo t = info(name);
        if (t.byteLength() > Integer.MAX_VALUE) {
            throw new SafeTensorsException(file, "tensor \"" + name + "\" is " + t.byteLength() + " bytes; tensors over 2 GB are not supported");
        }
        try {
            MappedByteBuffer mb = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.byteLength());
            return mb.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new SafeTensorsException(file, "cannot map tensor \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /**
     * The tensor as floats. F32: a zero-copy view of the mapped file (read-only). F16/BF16/F64: converted
     * in Java into a new direct buffer.
     */
    public FloatBuffer floats(String name) {
        TensorInfo t = info(name);
        ByteBuffer b = bytes(name);
        int n = (int) t.numel();
        switch (t.dtype()) {
            case "F32":
                return b.asFloatBuffer();
            case "BF16": {
                FloatBuffer out = directFloats(n);
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < n; i++) out.put(i, DType.bf16ToFloat(s.get(i)));
                return out;
            }
            case "F16": {
                FloatBuffer out = directFloats(n);
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < n; i++) out.put(i, DType.f16ToFloat(s.get(i)));
                return out;
            }
            case "F64": {
                FloatBuffer out = directFloats(n);
                var d = b.asDoubleBuffer();
                for (int i = 0; i < n; i++) out.put(i, (float) d.get(i));
                return out;
            }
            default:
                throw new SafeTensorsException(file, "tensor \"" + name + "\" has dtype " + t.dtype()
                        + "; only F32, F16, BF16 and F64 convert to float");
        }
    }

    /** The tensor as a fresh float array on the heap. */
    public float[] readFloats(String name) {
        FloatBuffer fb = floats(name);
        requireFinite(file, name, fb);
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static FloatBuffer directFloats(int n) {
        return ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) throw new SafeTensorsException(file, "unexpected end of file");
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing useful to do: the file was only read
        }
    }
}
