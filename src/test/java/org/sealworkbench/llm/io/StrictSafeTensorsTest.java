package org.sealworkbench.llm.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20, bug 3: each laxity the fuzzing found, as a hand-made file the reference implementation rejects. */
class StrictSafeTensorsTest {
    @TempDir
    Path dir;

    private static final String ONE = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    private Path write(String name, long headerLength, String json, byte[] data) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(h).put(data);
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private Path write(String name, String json, byte[] data) throws IOException {
        return write(name, json.getBytes(StandardCharsets.UTF_8).length, json, data);
    }

    private static String problem(Path f) {
        var e = assertThrows(SafeTensorsException.class, () -> SafeTensors.open(f).close());
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWellFormedFileStillOpens() throws IOException {
        Path f = write("ok.safetensors", ONE + "  ", floats(1f, 2f)); // padding spaces are allowed
        try (SafeTensors st = SafeTensors.open(f)) {
            assertArrayEquals(new float[]{1f, 2f}, st.readFloats("w"));
        }
    }

    @Test
    void headerLengthOneShortOfItsPaddingIsRefused() throws IOException {
        String json = ONE + " ";
        // The length field says one byte less: the JSON still parses, the data would be read one byte early.
        Path f = write("short-by-one.safetensors", json.length() - 1, json, floats(1f, 2f));
        String m = problem(f);
        assertTrue(m.contains("data ends at byte 8") && m.contains("9 data bytes"), m);
    }

    @Test
    void fractionalOrQuotedNumbersAreRefused() throws IOException {
        String m = problem(write("frac.safetensors", ONE.replace("[2]", "[2.0]"), floats(1f, 2f)));
        assertTrue(m.contains("tensor \"w\": shape") && m.contains("2.0"), m);
        m = problem(write("half.safetensors", ONE.replace("[0,8]", "[0,8.5]"), floats(1f, 2f)));
        assertTrue(m.contains("tensor \"w\": data_offsets") && m.contains("8.5"), m);
        m = problem(write("string.safetensors", ONE.replace("[2]", "[\"2\"]"), floats(1f, 2f)));
        assertTrue(m.contains("tensor \"w\": shape") && m.contains("not a number"), m);
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] data = Arrays.copyOf(floats(1f, 2f), 8 + 1_000_000);
        String m = problem(write("trailing.safetensors", ONE, data));
        assertTrue(m.contains("1000000 extra"), m);
    }

    @Test
    void gapsBetweenTensorsAreRefused() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        String m = problem(write("gap.safetensors", json, new byte[12]));
        assertTrue(m.contains("tensor \"b\"") && m.contains("gap"), m);
    }

    @Test
    void duplicateKeysAreRefused() throws IOException {
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        String m = problem(write("dup.safetensors", json, floats(1f, 2f)));
        assertTrue(m.contains("tensor \"w\": appears twice"), m);
        m = problem(write("dupfield.safetensors", ONE.replace("\"shape\":[2]", "\"shape\":[2],\"shape\":[2]"), floats(1f, 2f)));
        assertTrue(m.contains("\"shape\" appears twice"), m);
    }

    @Test
    void nonObjectMetadataIsRefused() throws IOException {
        String m = problem(write("meta.safetensors", "{\"__metadata__\":[1]," + ONE.substring(1), floats(1f, 2f)));
        assertTrue(m.contains("__metadata__ is not a JSON object"), m);
        m = problem(write("meta2.safetensors", "{\"__metadata__\":{\"k\":3}," + ONE.substring(1), floats(1f, 2f)));
        assertTrue(m.contains("\"k\" is not a string"), m);
    }

    @Test
    void anOverflowingShapeIsNamedNotThrownAsArithmetic() throws IOException {
        String m = problem(write("huge.safetensors", ONE.replace("[2]", "[3074457345618258603, 3]"), floats(1f, 2f)));
        assertTrue(m.contains("tensor \"w\"") && m.contains("overflow"), m);
    }

    @Test
    void nonFiniteWeightsAreNamedOnRead() throws IOException {
        Path f = write("nan.safetensors", ONE, floats(1f, Float.NaN));
        try (SafeTensors st = SafeTensors.open(f)) {
            var e = assertThrows(SafeTensorsException.class, () -> st.readFloats("w"));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("tensor \"w\": element 1 is NaN"),
                    e.getMessage());
        }
    }

    @Test
    void aCheckpointWithANonFiniteWeightFailsAtLoadNamingTheTensor() throws IOException {
        Path ckpt = dir.resolve("ckpt");
        try (ai.djl.ndarray.NDManager nd = ai.djl.ndarray.NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        Path weights = ckpt.resolve(Checkpoint.WEIGHTS);
        String name;
        long[] shape;
        long at;
        try (SafeTensors st = SafeTensors.open(weights)) {
            TensorInfo t = st.tensors().values().stream().filter(x -> x.name().endsWith("down_proj.weight")).findFirst().orElseThrow();
            name = t.name();
            shape = t.shape();
            byte[] len = Arrays.copyOf(Files.readAllBytes(weights), 8);
            at = 8 + ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong() + t.begin() + 4 * 3;
        }
        try (var ch = java.nio.channels.FileChannel.open(weights, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, Float.POSITIVE_INFINITY), at);
        }
        try (Checkpoint c = Checkpoint.open(ckpt)) {
            var e = assertThrows(CheckpointException.class, () -> c.f32Bytes(name, shape));
            assertTrue(e.getMessage().contains(weights.toString()) && e.getMessage().contains("tensor \"" + name + "\": element 3 is Infinity"),
                    e.getMessage());
        }
    }
}
