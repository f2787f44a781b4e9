package org.sealworkbench.llm.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming safetensors writer: header first, then each tensor's data in the map's order, converted to
 * the chosen dtype (F32, F16 or BF16 with round-to-nearest-even). The header is padded with spaces to a
 * multiple of 8 bytes, as the reference implementation does, so F32 data stays aligned. The file is written
 * to a temporary sibling and moved into place, so a failed write never leaves a half file under the name.
 */
public final class SafeTensorsWriter {
    private static final int CHUNK = 1 << 20;

    private SafeTensorsWriter() {}

    public static void write(Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata, String dtype) {
        int esize = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new SafeTensorsException(file, "cannot write dtype \"" + dtype + "\" (supported: F32, F16, BF16)");
        };
        byte[] header = header(tensors, metadata, dtype, esize);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
                buf.putLong(header.length);
                buf.flip();
                writeFully(ch, buf);
                writeFully(ch, ByteBuffer.wrap(header));
                for (FloatTensor t : tensors.values()) writeData(ch, buf, t.data(), dtype);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the real error is reported below
            }
            throw new SafeTensorsException(file, "write failed: " + e.getMessage(), e);
        }
    }

    /** The JSON header bytes, space-padded to a multiple of 8. */
    static byte[] header(Map<String, FloatTensor> tensors, Map<String, String> metadata, String dtype, int esize) {
        JsonObject root = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject m = new JsonObject();
            new LinkedHashMap<>(metadata).forEach(m::addProperty);
            root.add("__metadata__", m);
        }
        long offset = 0;
        for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("\"__metadata__\" is not a tensor name");
            JsonObject o = new JsonObject();
            o.addProperty("dtype", dtype);
            JsonArray shape = new JsonArray();
            for (long d : e.getValue().shape()) shape.add(d);
            o.add("shape", shape);
            long len = (long) e.getValue().data().length * esize;
            JsonArray offs = new JsonArray();
            offs.add(offset);
            offs.add(offset + len);
            o.add("data_offsets", offs);
            root.add(e.getKey(), o);
            offset += len;
        }
        byte[] json = new Gson().toJson(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) out[i] = ' ';
        return out;
    }

    private static void writeData(FileChannel ch, ByteBuffer buf, float[] data, String dtype) throws IOException {
        int per = CHUNK / 4;
        for (int off = 0; off < data.length; off += per) {
            int n = Math.min(per, data.length - off);
            buf.clear();
            if (dtype.equals("F32")) {
                buf.asFloatBuffer().put(data, off, n);   // the view inherits little-endian order
                buf.limit(n * 4);
            } else {
                boolean bf16 = dtype.equals("BF16");
                for (int i = 0; i < n; i++) {
                    float f = data[off + i];
                    buf.putShort(bf16 ? DType.floatToBf16(f) : DType.floatToF16(f));
                }
                buf.flip();
            }
            writeFully(ch, buf);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
