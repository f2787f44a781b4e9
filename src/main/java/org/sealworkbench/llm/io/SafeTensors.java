package org.sealworkbench.llm.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

import java.io.IOException;
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
            String json = new String(hb.array(), StandardCharsets.UTF_8);
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

    private static Map<String, TensorInfo> parseHeader(Path file, String json, long dataLen, Map<String, String> meta) {
        JsonObject root;
        try {
            JsonElement el = JsonParser.parseString(json);
            if (!el.isJsonObject()) throw new SafeTensorsException(file, "header is not a JSON object");
            root = el.getAsJsonObject();
        } catch (JsonSyntaxException e) {
            throw new SafeTensorsException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                if (!e.getValue().isJsonObject()) throw new SafeTensorsException(file, "__metadata__ is not a JSON object");
                for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                    if (!m.getValue().isJsonPrimitive()) {
                        throw new SafeTensorsException(file, "__metadata__ value of \"" + m.getKey() + "\" is not a string");
                    }
                    meta.put(m.getKey(), m.getValue().getAsString());
                }
                continue;
            }
            infos.put(name, parseEntry(file, name, e.getValue()));
        }
        validateLayout(file, infos, dataLen);
        return infos;
    }

    private static TensorInfo parseEntry(Path file, String name, JsonElement v) {
        String where = "tensor \"" + name + "\"";
        try {
            if (!v.isJsonObject()) throw new SafeTensorsException(file, where + ": entry is not a JSON object");
            JsonObject o = v.getAsJsonObject();
            if (!o.has("dtype") || !o.has("shape") || !o.has("data_offsets")) {
                throw new SafeTensorsException(file, where + ": entry needs dtype, shape and data_offsets");
            }
            String dtype = o.get("dtype").getAsString();
            int esize = DType.size(dtype);
            if (esize < 0) throw new SafeTensorsException(file, where + ": unknown dtype \"" + dtype + "\"");
            var shapeArr = o.getAsJsonArray("shape");
            long[] shape = new long[shapeArr.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeArr.get(i).getAsLong();
                if (shape[i] < 0) throw new SafeTensorsException(file, where + ": negative dimension in shape");
            }
            var offs = o.getAsJsonArray("data_offsets");
            if (offs.size() != 2) throw new SafeTensorsException(file, where + ": data_offsets must have 2 entries");
            long begin = offs.get(0).getAsLong();
            long end = offs.get(1).getAsLong();
            TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
            if (begin < 0 || end < begin) {
                throw new SafeTensorsException(file, where + ": bad data_offsets [" + begin + ", " + end + "]");
            }
            long expect = Math.multiplyExact(info.numel(), (long) esize);
            if (end - begin != expect) {
                throw new SafeTensorsException(file, where + ": data size " + (end - begin) + " bytes does not match shape "
                        + java.util.Arrays.toString(shape) + " x " + dtype + " = " + expect + " bytes");
            }
            return info;
        } catch (IllegalStateException | ClassCastException | UnsupportedOperationException | NumberFormatException e) {
            throw new SafeTensorsException(file, where + ": malformed entry (" + e.getMessage() + ")", e);
        }
    }

    /** Offsets must lie inside the data section and must not overlap one another. */
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
            if (t.begin() < prevEnd && t.byteLength() > 0) {
                throw new SafeTensorsException(file, "tensor \"" + t.name() + "\" overlaps tensor \"" + prevName + "\"");
            }
            if (t.byteLength() > 0) {
                prevEnd = t.end();
                prevName = t.name();
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
