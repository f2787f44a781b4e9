package org.sealworkbench.llm;

import org.sealworkbench.llm.io.DType;
import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensors;
import org.sealworkbench.llm.io.SafeTensorsException;
import org.sealworkbench.llm.io.SafeTensorsWriter;
import org.sealworkbench.llm.io.TensorInfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, FloatTensor> sample() {
        Map<String, FloatTensor> m = new LinkedHashMap<>();
        m.put("z.weight", new FloatTensor(new long[]{2, 3}, new float[]{1f, -2f, 0.5f, 3.25f, -0f, 1024f}));
        m.put("a.bias", new FloatTensor(new long[]{3}, new float[]{0.125f, -7f, 65504f}));
        m.put("scalar", new FloatTensor(new long[]{}, new float[]{42f}));
        return m;
    }

    @Test
    void roundTripEachDtypeKeepsOrderShapesMetadataAndExactlyRepresentableValues() {
        for (String dtype : List.of("F32", "F16", "BF16")) {
            Path f = dir.resolve("m-" + dtype + ".safetensors");
            Map<String, FloatTensor> in = sample();
            if (dtype.equals("BF16")) in.put("a.bias", new FloatTensor(new long[]{3}, new float[]{0.125f, -7f, 65536f}));
            SafeTensorsWriter.write(f, in, Map.of("format", "pt"), dtype);
            try (SafeTensors st = SafeTensors.open(f)) {
                assertEquals(List.of("z.weight", "a.bias", "scalar"), List.copyOf(st.tensors().keySet()), dtype);
                assertEquals(Map.of("format", "pt"), st.metadata());
                for (var e : in.entrySet()) {
                    TensorInfo info = st.tensors().get(e.getKey());
                    assertEquals(dtype, info.dtype());
                    assertArrayEquals(e.getValue().shape(), info.shape());
                    assertArrayEquals(e.getValue().data(), st.readFloats(e.getKey()), dtype + " " + e.getKey());
                }
            }
        }
    }

    @Test
    void tinyFileHasExactHeaderLayoutAndLittleEndianData() throws IOException {
        Path f = dir.resolve("tiny.safetensors");
        Map<String, FloatTensor> m = new LinkedHashMap<>();
        m.put("a", new FloatTensor(new long[]{2}, new float[]{1f, -2f}));
        SafeTensorsWriter.write(f, m, Map.of(), "F32");
        byte[] bytes = Files.readAllBytes(f);
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";   // 54 bytes -> padded to 56
        assertEquals(54, json.length());
        byte[] expect = new byte[8 + 56 + 8];
        expect[0] = 56;                                                   // header length 56, little-endian u64
        System.arraycopy(json.getBytes(StandardCharsets.US_ASCII), 0, expect, 8, 54);
        expect[8 + 54] = ' ';
        expect[8 + 55] = ' ';
        // 1.0f = 0x3F800000, -2.0f = 0xC0000000, least significant byte first
        byte[] data = {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0};
        System.arraycopy(data, 0, expect, 64, 8);
        assertArrayEquals(expect, bytes);
    }

    @Test
    void readsHandBuiltFileWithBf16AndF16Data() throws IOException {
        // BF16 0x3FC0 = 1.5, 0xC100 = -8; F16 0x3C00 = 1, 0xC500 = -5, 0x0001 = 2^-24 (smallest subnormal)
        String json = "{\"__metadata__\":{\"k\":\"v\"},\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[4,10]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[0,4]}}";
        ByteBuffer data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3FC0).putShort((short) 0xC100).putShort((short) 0x3C00).putShort((short) 0xC500).putShort((short) 0x0001);
        Path f = writeRaw("hand.safetensors", json, data.array());
        try (SafeTensors st = SafeTensors.open(f)) {
            assertEquals(List.of("h", "b"), List.copyOf(st.tensors().keySet()));
            assertEquals("v", st.metadata().get("k"));
            assertArrayEquals(new float[]{1.5f, -8f}, st.readFloats("b"));
            assertArrayEquals(new float[]{1f, -5f, 0x1p-24f}, st.readFloats("h"));
            assertArrayEquals(new long[]{1, 2}, st.tensors().get("b").shape());
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        // 1 + 2^-8 lies exactly between bf16 1.0 (0x3F80) and 1+2^-7 (0x3F81): ties go to the even 0x3F80.
        assertEquals((short) 0x3F80, DType.floatToBf16(Float.intBitsToFloat(0x3F808000)));
        // 1 + 3*2^-8 lies between 0x3F81 and 0x3F82: the tie goes to even 0x3F82.
        assertEquals((short) 0x3F82, DType.floatToBf16(Float.intBitsToFloat(0x3F818000)));
        // just above the midpoint rounds up, just below rounds down
        assertEquals((short) 0x3F81, DType.floatToBf16(Float.intBitsToFloat(0x3F808001)));
        assertEquals((short) 0x3F80, DType.floatToBf16(Float.intBitsToFloat(0x3F807FFF)));
        assertEquals((short) 0xBF80, DType.floatToBf16(-1f));
        assertTrue(Float.isNaN(DType.bf16ToFloat(DType.floatToBf16(Float.NaN))));
        assertEquals(Float.POSITIVE_INFINITY, DType.bf16ToFloat(DType.floatToBf16(Float.MAX_VALUE))); // rounds up to inf
    }

    @Test
    void f16RoundsToNearestEvenAndHandlesRangeEnds() {
        // 1 + 2^-11 is the midpoint of half 1.0 (0x3C00) and 1+2^-10 (0x3C01): tie to even 0x3C00
        assertEquals((short) 0x3C00, DType.floatToF16(1f + 0x1p-11f));
        assertEquals((short) 0x3C02, DType.floatToF16(1f + 3 * 0x1p-11f));
        assertEquals((short) 0x7BFF, DType.floatToF16(65504f));
        assertEquals((short) 0x7C00, DType.floatToF16(65520f));     // midpoint to 65536 rounds to inf
        assertEquals((short) 0x0001, DType.floatToF16(0x1p-24f));   // smallest subnormal
        assertEquals((short) 0x0000, DType.floatToF16(0x1p-25f));   // tie between 0 and 2^-24 -> 0 (even)
        assertEquals((short) 0x0002, DType.floatToF16(3 * 0x1p-25f)); // tie between 1 and 2 units -> 2 (even)
        assertEquals((short) 0x0400, DType.floatToF16(0x1p-14f));   // smallest normal
        assertEquals((short) 0x8000, DType.floatToF16(-0f));
        for (int h = 0; h < 0x7C00; h += 7) {                       // every finite half survives a round trip
            assertEquals((short) h, DType.floatToF16(DType.f16ToFloat((short) h)), "half " + h);
        }
    }

    @Test
    void f32ViewIsZeroCopyReadOnlyAndConvertedDtypesAreNewBuffers() {
        Path f = dir.resolve("z.safetensors");
        SafeTensorsWriter.write(f, sample(), null, "F32");
        try (SafeTensors st = SafeTensors.open(f)) {
            var fb = st.floats("z.weight");
            assertTrue(fb.isReadOnly());
            assertEquals(6, fb.remaining());
            assertEquals(3.25f, fb.get(3));
        }
    }

    @Test
    void readsTensorsPastTheTwoGigabyteMark() throws IOException {
        // A sparse 2.5 GB file: a small tensor at the start and one beyond 2^31 bytes (offset math in long).
        long far = (5L << 29) - 16;                                       // 2.5 GB - 16 bytes into the data
        // The bytes between them are a U8 tensor: the format allows no gaps between tensors.
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"gap\":{\"dtype\":\"U8\",\"shape\":[" + (far - 8) + "],\"data_offsets\":[8," + far + "]},"
                + "\"far\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[" + far + "," + (far + 8) + "]}}";
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("big.safetensors");
        try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            ByteBuffer head = ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(h.length).put(h).putFloat(1.5f).putFloat(-2f);
            raf.write(head.array());
            long dataStart = 8 + h.length;
            raf.setLength(dataStart + far + 8);
            raf.seek(dataStart + far);
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            tail.putShort((short) 0x3F80).putShort((short) 0x4000).putShort((short) 0xC040).putShort((short) 0);   // 1, 2, -3, 0
            raf.write(tail.array());
        }
        assertTrue(Files.size(f) > (1L << 31));
        try (SafeTensors st = SafeTensors.open(f)) {
            assertArrayEquals(new float[]{1.5f, -2f}, st.readFloats("a"));
            assertArrayEquals(new float[]{1f, 2f, -3f, 0f}, st.readFloats("far"));
        }
    }

    // ---- corrupt files: each message names the file and the problem ----

    @Test
    void tooShortFile() throws IOException {
        Path f = dir.resolve("short.safetensors");
        Files.write(f, new byte[]{1, 2, 3});
        assertProblem(f, "too short");
    }

    @Test
    void headerLengthBeyondEndOfFile() throws IOException {
        Path f = dir.resolve("trunc.safetensors");
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Files.write(f, b.array());
        assertProblem(f, "beyond the end of the file");
    }

    @Test
    void badJson() throws IOException {
        assertProblem(writeRaw("bad.safetensors", "{\"a\": [1, 2", new byte[0]), "not valid JSON");
    }

    @Test
    void truncatedData() throws IOException {
        Path f = dir.resolve("cut.safetensors");
        SafeTensorsWriter.write(f, sample(), null, "F32");
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 3));
        assertProblem(f, "beyond the data section");
    }

    @Test
    void overlappingOffsets() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertProblem(writeRaw("ov.safetensors", json, new byte[12]), "overlaps");
    }

    @Test
    void sizeDoesNotMatchShape() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        assertProblem(writeRaw("size.safetensors", json, new byte[8]), "does not match shape");
    }

    @Test
    void unknownDtype() throws IOException {
        String json = "{\"a\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,2]}}";
        assertProblem(writeRaw("dt.safetensors", json, new byte[2]), "unknown dtype \"Q4\"");
    }

    @Test
    void missingFileAndMissingTensorAreNamed() throws IOException {
        assertProblem(dir.resolve("nope.safetensors"), "not found");
        Path f = dir.resolve("ok.safetensors");
        SafeTensorsWriter.write(f, sample(), null, "BF16");
        try (SafeTensors st = SafeTensors.open(f)) {
            var e = assertThrows(SafeTensorsException.class, () -> st.floats("missing"));
            assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("ok.safetensors"), e.getMessage());
        }
    }

    private Path writeRaw(String name, String json, byte[] data) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private static void assertProblem(Path f, String problem) {
        var e = assertThrows(SafeTensorsException.class, () -> SafeTensors.open(f).close());
        assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
