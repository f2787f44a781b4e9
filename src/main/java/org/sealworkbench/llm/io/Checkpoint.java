package org.sealworkbench.llm.io;

import org.sealworkbench.llm.generation.GenerationConfig;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.tokenizer.TokenizerConfig;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face checkpoint folder opened for reading: its configs and its weights, from
 * {@code model.safetensors} or the shards listed in {@code model.safetensors.index.json}. Tensors are
 * read as F32 whatever their stored dtype (BF16/F16 are converted in Java, never handed to DJL).
 */
public final class Checkpoint implements AutoCloseable {
    public static final String WEIGHTS = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";

    private final Path dir;
    private final ModelConfig config;
    private final GenerationConfig generationConfig;
    private final TokenizerConfig tokenizerConfig;
    private final List<SafeTensors> files = new ArrayList<>();
    private final Map<String, SafeTensors> owner = new LinkedHashMap<>();
    private final Map<String, Path> ownerPath = new LinkedHashMap<>();

    private Checkpoint(Path dir) {
        this.dir = dir;
        this.config = ModelConfig.read(dir);
        this.generationConfig = GenerationConfig.read(dir);
        this.tokenizerConfig = TokenizerConfig.read(dir);
    }

    /** Opens a checkpoint folder; every problem is a {@link CheckpointException} naming the file. */
    public static Checkpoint open(Path dir) {
        if (!Files.isDirectory(dir)) throw new CheckpointException(dir + ": checkpoint folder not found");
        Checkpoint c = new Checkpoint(dir);
        try {
            c.openWeights();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void openWeights() {
        Path single = dir.resolve(WEIGHTS);
        Path index = dir.resolve(INDEX);
        if (Files.exists(single)) {
            SafeTensors st = openFile(single);
            for (String name : st.tensors().keySet()) {
                owner.put(name, st);
                ownerPath.put(name, single);
            }
        } else if (Files.exists(index)) {
            openShards(index);
        } else {
            throw new CheckpointException(dir + ": no weights: neither " + WEIGHTS + " nor " + INDEX + " exists");
        }
    }

    private void openShards(Path index) {
        JsonObject o = Json.readObject(index);
        if (!o.has("weight_map") || !o.get("weight_map").isJsonObject()) {
            throw new CheckpointException(index + ": missing \"weight_map\" object");
        }
        Map<String, SafeTensors> shards = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("weight_map").entrySet()) {
            String shardName = e.getValue().getAsString();
            Path shard = dir.resolve(shardName).normalize();
            if (!shard.startsWith(dir.normalize())) throw new CheckpointException(index + ": shard path escapes the folder: " + shardName);
            if (!Files.exists(shard)) {
                throw new CheckpointException(shard + ": shard file not found (listed in " + index.getFileName() + " for " + e.getKey() + ")");
            }
            SafeTensors st = shards.computeIfAbsent(shardName, n -> openFile(shard));
            if (!st.tensors().containsKey(e.getKey())) {
                throw new CheckpointException(shard + ": tensor " + e.getKey() + " is missing (" + index.getFileName() + " says it is here)");
            }
            owner.put(e.getKey(), st);
            ownerPath.put(e.getKey(), shard);
        }
    }

    private SafeTensors openFile(Path file) {
        try {
            SafeTensors st = SafeTensors.open(file);
            files.add(st);
            return st;
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new CheckpointException(msg.contains(file.getFileName().toString()) ? msg : file + ": " + msg, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public ModelConfig config() {
        return config;
    }

    public GenerationConfig generationConfig() {
        return generationConfig;
    }

    public TokenizerConfig tokenizerConfig() {
        return tokenizerConfig;
    }

    public boolean has(String name) {
        return owner.containsKey(name);
    }

    public List<String> tensorNames() {
        return List.copyOf(owner.keySet());
    }

    /** The stored dtype of the weights ("F32", "F16", "BF16"), taken from the first tensor. */
    public String dtype() {
        for (Map.Entry<String, SafeTensors> e : owner.entrySet()) return e.getValue().tensors().get(e.getKey()).dtype();
        return "F32";
    }

    public TensorInfo info(String name) {
        SafeTensors st = owner.get(name);
        if (st == null) throw new CheckpointException(dir + ": tensor " + name + " is missing from the checkpoint");
        return st.tensors().get(name);
    }

    /**
     * For an F32 tensor of the expected shape, its little-endian bytes mapped from the file (read-only,
     * no copy); null for other dtypes (use {@link #floats}).
     */
    public java.nio.ByteBuffer f32Bytes(String name, long... expectedShape) {
        checkShape(name, expectedShape);
        if (!info(name).dtype().equals("F32")) return null;
        try {
            java.nio.ByteBuffer b = owner.get(name).bytes(name);
            SafeTensors.requireFinite(ownerPath.get(name), name,
                    b.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
            return b;
        } catch (RuntimeException e) {
            throw new CheckpointException(ownerPath.get(name) + ": cannot read tensor " + name + ": " + e.getMessage(), e);
        }
    }

    private void checkShape(String name, long[] expectedShape) {
        TensorInfo info = info(name);
        if (!Arrays.equals(info.shape(), expectedShape)) {
            throw new CheckpointException(ownerPath.get(name) + ": tensor " + name + " has shape "
                    + Arrays.toString(info.shape()) + " but the config needs " + Arrays.toString(expectedShape));
        }
    }

    /**
     * The tensor as F32 after checking that it exists with the expected shape. The buffer may be a
     * view of the memory-mapped file: copy it before this checkpoint is closed.
     */
    public FloatBuffer floats(String name, long... expectedShape) {
        checkShape(name, expectedShape);
        try {
            FloatBuffer f = owner.get(name).floats(name);
            SafeTensors.requireFinite(ownerPath.get(name), name, f);
            return f;
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CheckpointException(ownerPath.get(name) + ": cannot read tensor " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (SafeTensors f : files) f.close();
        files.clear();
    }
}
