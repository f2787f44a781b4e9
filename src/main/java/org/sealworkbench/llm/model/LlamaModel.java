package org.sealworkbench.llm.model;

import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.io.Checkpoint;
import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensorsWriter;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Llama-family decoder (Llama 1-3.x, SmolLM, Mistral, Qwen2) on DJL's PyTorch engine, the forward
 * pass of Hugging Face transformers' LlamaForCausalLM written out with NDArray ops:
 * <pre>
 *   x = embed[ids]                                  [B, T, H]
 *   for each layer: x = x + attn(rmsnorm(x)); x = x + mlp(rmsnorm(x))
 *   logits = lm_head(rmsnorm(x))                    [B, T, V]
 * </pre>
 * Base weights are F32 or F16 ({@link #dtype()}; read as F32 in Java from any stored dtype, then cast on
 * the device). With F16 the activations are F16 through the matmuls, while RMSNorm's variance and the
 * attention softmax are computed in F32 (as Hugging Face does), LoRA deltas run in F32 (see
 * {@link LoraLayer}) and logits come back as F32. Every weight belongs to {@link #manager()};
 * activations belong to it too (an op's result joins its first operand's manager), so callers run
 * each forward inside an {@code NDScope}.
 */
public final class LlamaModel implements AutoCloseable {
    /** Additive mask value for hidden keys: finite, so fully masked padding rows stay NaN-free. */
    public static final float MASKED = -1e9f;

    private final ModelConfig config;
    private final NDManager manager;
    private final NDArray embed;          // [V, H]
    private final List<DecoderLayer> layers;
    private final RmsNorm norm;
    private final Linear lmHead;          // [V, H], shares embed when tied
    private final RotaryEmbedding rope;
    private final NDArray swap;           // RoPE's half swap [D, D], made once (see RotaryEmbedding.Angles)
    private final DataType dtype;         // of the base weights and the activations
    private NDManager owner;              // a base manager made for this model alone, closed with it (else null)
    private final LlamaModel root;        // whose weights these are: this model, or the one a replica shares them with

    private LlamaModel(ModelConfig config, NDManager manager, DataType dtype, WeightSource w) {
        this(config, manager, dtype, w, null);
    }

    private LlamaModel(ModelConfig config, NDManager manager, DataType dtype, WeightSource w, LlamaModel root) {
        this.root = root == null ? this : root;
        this.config = config;
        this.manager = manager;
        this.dtype = dtype;
        int h = config.hiddenSize(), v = config.vocabSize(), im = config.intermediateSize();
        int qOut = config.numAttentionHeads() * config.headDim(), kvOut = config.numKeyValueHeads() * config.headDim();
        this.embed = w.get("model.embed_tokens.weight", v, h);
        List<DecoderLayer> ls = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            String p = "model.layers." + i + ".";
            boolean qkvBias = config.attentionBias(), oBias = config.outputBias(), mb = config.mlpBias();
            Attention attn = new Attention(config,
                    linear(w, p + "self_attn.q_proj", qOut, h, qkvBias),
                    linear(w, p + "self_attn.k_proj", kvOut, h, qkvBias),
                    linear(w, p + "self_attn.v_proj", kvOut, h, qkvBias),
                    linear(w, p + "self_attn.o_proj", h, qOut, oBias));
            Mlp mlp = new Mlp(linear(w, p + "mlp.gate_proj", im, h, mb), linear(w, p + "mlp.up_proj", im, h, mb),
                    linear(w, p + "mlp.down_proj", h, im, mb));
            ls.add(new DecoderLayer(new RmsNorm(p + "input_layernorm", w.get(p + "input_layernorm.weight", h), config.rmsNormEps()),
                    attn, new RmsNorm(p + "post_attention_layernorm", w.get(p + "post_attention_layernorm.weight", h),
                    config.rmsNormEps()), mlp));
        }
        this.layers = Collections.unmodifiableList(ls);
        this.norm = new RmsNorm("model.norm", w.get("model.norm.weight", h), config.rmsNormEps());
        this.lmHead = new Linear("lm_head", config.tieWordEmbeddings() ? embed : w.get("lm_head.weight", v, h), null);
        this.rope = new RotaryEmbedding(config);
        try (NDScope scope = new NDScope()) {
            this.swap = kept(rope.swap(manager, dtype));
        }
    }

    private static Linear linear(WeightSource w, String name, int out, int in, boolean bias) {
        return new Linear(name, w.get(name + ".weight", out, in), bias ? w.get(name + ".bias", out) : null);
    }

    /** Where the constructor gets each named tensor of a given shape. */
    private interface WeightSource {
        NDArray get(String name, long... shape);
    }

    // ---------------------------------------------------------------- construction

    /** Loads a Hugging Face checkpoint folder onto a device, base weights in {@link Devices#baseDataType}. */
    public static LlamaModel load(Path checkpointDir, ComputeDevice device) {
        return load(checkpointDir, device.toDjl());
    }

    /** Loads a Hugging Face checkpoint folder onto a device, base weights in {@link Devices#baseDataType}. */
    public static LlamaModel load(Path checkpointDir, Device device) {
        return load(checkpointDir, device, Devices.baseDataType(device));
    }

    /** Loads a Hugging Face checkpoint folder onto a device with base weights in {@code dtype} (F32 or F16). */
    public static LlamaModel load(Path checkpointDir, Device device, DataType dtype) {
        checkDtype(dtype);
        LlamaModel model;
        try (Checkpoint ckpt = Checkpoint.open(checkpointDir)) {
            model = fromCheckpoint(ckpt, device, dtype);
        }
        // The weights were read through memory maps, which the JDK unmaps only when their buffers are
        // collected; until then the file's pages count as resident memory (about the model's size again).
        System.gc();
        if (!device.isGpu()) Devices.fitThreads(model.config().parameterCount());
        return model;
    }

    public static LlamaModel fromCheckpoint(Checkpoint ckpt, Device device) {
        return fromCheckpoint(ckpt, device, Devices.baseDataType(device));
    }

    public static LlamaModel fromCheckpoint(Checkpoint ckpt, Device device, DataType dtype) {
        checkDtype(dtype);
        NDManager manager = NDManager.newBaseManager(device);
        ByteBuffer[] scratch = {null};
        try {
            return new LlamaModel(ckpt.config(), manager, dtype, (name, shape) -> {
                ByteBuffer f32 = ckpt.f32Bytes(name, shape);
                if (f32 != null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) return copyOf(manager, f32, new Shape(shape), dtype);
                return owned(manager, ckpt.floats(name, shape), new Shape(shape), scratch, dtype);
            });
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A model with Hugging Face's initialisation (normal(0, 0.02) matrices, unit norms, zero biases),
     * drawn from a seeded Java generator so the same seed gives the same weights everywhere. F32 weights.
     */
    public static LlamaModel random(ModelConfig cfg, long seed, NDManager parent) {
        return random(cfg, seed, parent, DataType.FLOAT32);
    }

    /** As {@link #random(ModelConfig, long, NDManager)}, the same F32 draws cast to {@code dtype}. */
    public static LlamaModel random(ModelConfig cfg, long seed, NDManager parent, DataType dtype) {
        return random(cfg, seed, parent, dtype, (name, shape, data) -> {});
    }

    /**
     * As {@link #random(ModelConfig, long, NDManager)} on {@code device} with base weights in
     * {@link Devices#baseDataType}, in memory of its own: closing the model frees everything.
     */
    public static LlamaModel random(ModelConfig cfg, long seed, ComputeDevice device) {
        NDManager base = NDManager.newBaseManager(device.toDjl());
        return owning(base, () -> random(cfg, seed, base, Devices.baseDataType(device)));
    }

    /**
     * A model to train from scratch: F32 weights drawn as {@link #random(ModelConfig, long, NDManager, DataType, InitEdit)}
     * ({@code edit} null for none) on the engine's default device, in memory of its own: closing the model frees everything.
     */
    public static LlamaModel randomF32(ModelConfig cfg, long seed, InitEdit edit) {
        NDManager base = NDManager.newBaseManager();
        return owning(base, () -> edit == null ? random(cfg, seed, base) : random(cfg, seed, base, DataType.FLOAT32, edit));
    }

    private static LlamaModel owning(NDManager base, java.util.function.Supplier<LlamaModel> make) {
        try {
            LlamaModel m = make.get();
            m.owner = base;
            return m;
        } catch (RuntimeException | Error e) {
            base.close();
            throw e;
        }
    }

    /**
     * The same weights under projections of its own, nothing copied (issue 19: inner-loop workers). Adapters attach to a
     * replica's own {@link Linear}s and its {@link #inference()} sessions are its own, so one thread can train and answer
     * with adapters on a replica while other threads use this model or other replicas: the shared weights are only read
     * (PyTorch ops on tensors that nothing writes are safe from several threads). Meant for one piece of work: a weight
     * replaced on this model afterwards ({@link Linear#setWeight}, a merge) is not seen by the replica, while in-place
     * changes ({@link #reloadWeightsFrom}) are. Closing a replica frees only what it made; close it before this model.
     */
    public LlamaModel replica() {
        Map<String, NDArray> w = parameters();
        return new LlamaModel(config, manager.newSubManager(), dtype, (name, shape) -> {
            NDArray a = w.get(name);
            if (a == null) throw new IllegalStateException("replica: the model has no tensor " + name);
            return a;
        }, root);
    }

    /** Whether this is a {@link #replica()} of another model. */
    public boolean isReplica() {
        return root != this;
    }

    /** Changes a freshly drawn tensor (Hugging Face name, shape, F32 values in place) before the model is built. */
    @FunctionalInterface
    public interface InitEdit {
        void apply(String name, long[] shape, float[] data);
    }

    /** As {@link #random(ModelConfig, long, NDManager, DataType)}, each tensor passed through {@code edit} once drawn. */
    public static LlamaModel random(ModelConfig cfg, long seed, NDManager parent, DataType dtype, InitEdit edit) {
        checkDtype(dtype);
        NDManager manager = parent.newSubManager();
        SplittableRandom rng = new SplittableRandom(seed);
        ByteBuffer[] scratch = {null};
        return new LlamaModel(cfg, manager, dtype, (name, shape) -> {
            int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
            float[] data = new float[n];
            if (name.endsWith("norm.weight")) Arrays.fill(data, 1f);
            else if (!name.endsWith(".bias")) for (int i = 0; i < n; i++) data[i] = (float) (0.02 * rng.nextGaussian());
            edit.apply(name, shape, data);
            return owned(manager, FloatBuffer.wrap(data), new Shape(shape), scratch, dtype);
        });
    }

    private static void checkDtype(DataType dtype) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("base weights must be F32 or F16, got " + dtype
                    + (dtype == DataType.BFLOAT16 ? " (DJL 0.35's PyTorch JNI aborts on BF16 arrays)" : ""));
        }
    }

    /** A PyTorch-owned copy of {@code view} in {@code dtype} (cast on the device when it is not F32). */
    private static NDArray ownedCopy(NDArray view, DataType dtype) {
        NDArray copy = dtype == DataType.FLOAT32 ? view.duplicate() : view.toType(dtype, true);
        view.close();
        NDScope.unregister(copy);
        return copy;
    }

    /**
     * Copies floats into a tensor whose memory PyTorch owns. DJL would otherwise keep the tensor on a
     * Java direct buffer (bounded by -XX:MaxDirectMemorySize); one reused scratch buffer avoids that.
     */
    private static NDArray owned(NDManager manager, FloatBuffer src, Shape shape, ByteBuffer[] scratch, DataType dtype) {
        int bytes = Math.toIntExact(shape.size() * 4);
        if (scratch[0] == null || scratch[0].capacity() < bytes) {
            scratch[0] = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 20)).order(ByteOrder.nativeOrder());
        }
        ByteBuffer buf = scratch[0];
        buf.clear();
        buf.asFloatBuffer().put(src.duplicate().rewind());
        buf.limit(bytes);
        NDArray view = manager.create(buf.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
        return ownedCopy(view, dtype);
    }

    /** F32 bytes (e.g. mapped from the file) viewed without a copy, then cloned once into PyTorch memory. */
    private static NDArray copyOf(NDManager manager, ByteBuffer f32, Shape shape, DataType dtype) {
        NDArray view = manager.create(f32.order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
        return ownedCopy(view, dtype);
    }

    // ---------------------------------------------------------------- forward

    /** The logits of one sequence, [T * V] row-major (row t predicts token t + 1), computed without autograd. */
    public float[] logitsOf(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < l.length; i++) l[i] = ids[i];
        return Autograd.withGradMode(false, () -> {
            try (NDScope scope = new NDScope()) {
                NDArray in = manager.create(l, new Shape(1, l.length));
                return forward(in, false).toFloatArray();
            }
        });
    }

    /** ids [B, T] -> logits [B, T, V]: positions 0..T-1, causal mask, no cache; differentiable. */
    public NDArray forward(NDArray ids, boolean training) {
        int b = (int) ids.getShape().get(0), t = (int) ids.getShape().get(1);
        Standard std = standard(t);
        if (std != null) return logits(stack(ids, std.angles(), std.mask(), null, training));
        int[][] positions = new int[b][t];
        boolean[][] valid = new boolean[b][t];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < t; j++) positions[r][j] = j;
            Arrays.fill(valid[r], true);
        }
        return logits(hidden(ids, positions, valid, null, training));
    }

    /**
     * The decoder stack for T new tokens per row: ids [B, T] at positions[b][t]; valid[b][t] false
     * marks padding (never attended to). With a cache the tokens also attend to its filled positions
     * and are appended to it. Returns the final-norm hidden states [B, T, H].
     */
    public NDArray hidden(NDArray ids, int[][] positions, boolean[][] valid, KvCache cache, boolean training) {
        NDManager m = ids.getManager();
        RotaryEmbedding.Angles angles = rope.angles(m, positions, dtype, swap); // [B, 1, T, D] tables
        NDArray mask = mask(m, valid, cache);                                // [B|1, 1, 1, T, S] or null, F32
        NDArray out = stack(ids, angles, mask, cache, training);
        if (cache != null) cache.advance(valid);
        return out;
    }

    /** embed, the layers, the final norm: ids [B, T] -> [B, T, H]. */
    private NDArray stack(NDArray ids, RotaryEmbedding.Angles angles, NDArray mask, KvCache cache, boolean training) {
        org.sealworkbench.llm.Devices.useThreadsHere();   // PyTorch's thread count is per thread: this one's may be unset
        if (ids.getDataType() != DataType.INT64) ids = ids.toType(DataType.INT64, false);
        NDArray x = embed.get(ids);                                     // [B, T, H]
        for (int l = 0; l < layers.size(); l++) {
            x = layers.get(l).forward(x, angles, mask, cache, l, training);
        }
        return norm.forward(x);                                         // [B, T, H]
    }

    /** Rotation tables [1, 1, T, D] and causal mask [1, 1, 1, T, T] (null for T = 1) of positions 0..T-1, any batch. */
    private record Standard(RotaryEmbedding.Angles angles, NDArray mask) {}

    /** Cached {@link Standard} tables by T, kept in the model's memory until it closes; bounded (see {@link #standard}). */
    private final Map<Integer, Standard> standard = new java.util.concurrent.ConcurrentHashMap<>();
    private long standardFloats;
    private static final long STANDARD_MAX_FLOATS = 8L << 20;   // 32 MiB of tables at most

    /**
     * The tables every plain forward pass over T tokens uses (training, prefill without a cache), made once per T
     * rather than once per step: building them is per-step work that is not math (issue 19). Null when the
     * cache is full, then the caller builds its own.
     */
    private Standard standard(int t) {
        if (root != this) return root.standard(t);   // a replica shares its model's tables (they live in the model's memory)
        Standard s = standard.get(t);
        if (s != null) return s;
        synchronized (standard) {
            s = standard.get(t);
            if (s != null) return s;
            long floats = (long) t * t + 2L * t * config.headDim() + (long) config.headDim() * config.headDim();
            if (standardFloats + floats > STANDARD_MAX_FLOATS) return null;
            int[][] positions = new int[1][t];
            boolean[][] valid = new boolean[1][t];
            for (int j = 0; j < t; j++) positions[0][j] = j;
            Arrays.fill(valid[0], true);
            try (NDScope scope = new NDScope()) {
                RotaryEmbedding.Angles a = rope.angles(manager, positions, dtype, swap);
                NDArray mask = mask(manager, valid, null);
                s = new Standard(new RotaryEmbedding.Angles(kept(a.cos()), kept(a.signedSin()), swap),
                        mask == null ? null : kept(mask));
            }
            standard.put(t, s);
            standardFloats += floats;
            return s;
        }
    }

    /** A PyTorch-owned copy (not over a Java buffer) that outlives the current scope; freed with the model. */
    private static NDArray kept(NDArray x) {
        NDArray copy = x.duplicate();
        NDScope.unregister(copy);
        return copy;
    }

    /** hidden [B, T, H] -> logits [B, T, V], F32 whatever the base dtype */
    public NDArray logits(NDArray hidden) {
        return toF32(lmHead.forward(hidden, false));
    }

    /** hidden [B, T, H] -> logits of the last position [B, V] (all generation needs), F32. */
    public NDArray lastLogits(NDArray hidden) {
        long t = hidden.getShape().get(1);
        return toF32(lmHead.forward(hidden.get(new NDIndex().addAllDim().addIndices(t - 1)), false));
    }

    private static NDArray toF32(NDArray x) {
        return Autograd.cast(x, DataType.FLOAT32);
    }

    /**
     * Additive attention mask: query t (cache position start+t) may see key s when s <= start+t and
     * key s is not padding. Null when nothing needs hiding (one new token, no padding).
     */
    private NDArray mask(NDManager m, boolean[][] valid, KvCache cache) {
        int b = valid.length, t = valid[0].length, start = cache == null ? 0 : cache.length(), s = start + t;
        boolean padding = false;
        for (int r = 0; r < b && !padding; r++) {
            for (int j = 0; j < s && !padding; j++) padding = !(j < start ? cache.keyValid(r, j) : valid[r][j - start]);
        }
        if (!padding && t == 1) return null;
        int rows = padding ? b : 1;
        float[] mask = new float[rows * t * s];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < t; i++) {
                int base = (r * t + i) * s;
                for (int j = 0; j < s; j++) {
                    boolean visible = j <= start + i
                            && (!padding || (j < start ? cache.keyValid(r, j) : valid[r][j - start]));
                    if (!visible) mask[base + j] = MASKED;
                }
            }
        }
        return m.create(mask, new Shape(rows, 1, 1, t, s));
    }

    // ---------------------------------------------------------------- access

    public ModelConfig config() {
        return config;
    }

    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** Dtype of the base weights, the activations and the KV cache: FLOAT32 or FLOAT16. */
    public DataType dtype() {
        return dtype;
    }

    /** An empty KV cache in this model's activation dtype. */
    public KvCache newCache(int batch, int maxLen, NDManager parent) {
        return new KvCache(config, batch, maxLen, parent, dtype);
    }

    public List<DecoderLayer> layers() {
        return layers;
    }

    public Linear lmHead() {
        return lmHead;
    }

    public NDArray embedTokens() {
        return embed;
    }

    /** An open {@link #inference()} session. */
    public interface Inference extends AutoCloseable {
        @Override
        void close();
    }

    /** The most bytes of stacked weights an inference session makes (a copy of q/k/v and gate/up); above it none. */
    public static final long FUSED_BYTES_LIMIT = 256L << 20;
    private int inferenceDepth;

    /**
     * An inference session: until it is closed, forward passes without training (grad mode off) run q/k/v and gate/up
     * as one matmul each on stacked copies of their weights (fewer ops per token: on a model as small as seal-tiny a
     * decoded token's cost is its op count). The copies are made when the session opens and dropped when it closes,
     * so they can never be stale: nothing changes the weights while a generation runs, and every change between
     * (training, a LoRA merge, a reload) happens outside a session. This is why they are not cached on the model
     * across sessions, where each in-place update would have to remember to drop them. LoRA deltas stay attached
     * and are added per part. Sessions nest (the innermost close keeps the outer one's copies); skipped when the
     * copies would exceed {@link #FUSED_BYTES_LIMIT} (large models gain little: their time is arithmetic). Open it
     * with grad mode off (the copies are constants). Not thread-safe: one thread uses a model at a time.
     */
    public Inference inference() {
        if (inferenceDepth++ > 0) return () -> inferenceDepth--;
        // -Dseal.fusedInference=false: the readable path everywhere (to measure one against the other in one build)
        if ("false".equals(System.getProperty("seal.fusedInference"))) return () -> inferenceDepth--;
        long bytes = 0;
        for (DecoderLayer l : layers) {
            Attention a = l.attention;
            for (Linear lin : List.of(a.q, a.k, a.v, l.mlp.gate, l.mlp.up)) {
                bytes += lin.weight().getShape().size() * lin.weight().getDataType().getNumOfBytes();
            }
        }
        if (bytes > FUSED_BYTES_LIMIT) return () -> inferenceDepth--;
        try (NDScope scope = new NDScope()) {
            for (DecoderLayer l : layers) {
                Attention a = l.attention;
                NDArray w = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(a.q.weight(), a.k.weight(), a.v.weight()), 0);
                NDArray b = null;
                if (a.q.bias() != null || a.k.bias() != null || a.v.bias() != null) {
                    NDArray[] parts = new NDArray[3];
                    Linear[] lin = {a.q, a.k, a.v};
                    for (int i = 0; i < 3; i++) {
                        parts[i] = lin[i].bias() != null ? lin[i].bias()
                                : manager.zeros(new Shape(lin[i].outFeatures()), lin[i].weight().getDataType());
                    }
                    b = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), 0);
                    NDScope.unregister(b);
                }
                NDScope.unregister(w);
                a.fused = a.new Fused(w, b);
                NDArray gu = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(l.mlp.gate.weight(), l.mlp.up.weight()), 0);
                NDScope.unregister(gu);
                l.mlp.fusedGateUp = gu;
            }
        }
        return () -> {
            if (--inferenceDepth > 0) return;
            for (DecoderLayer l : layers) {
                Attention.Fused f = l.attention.fused;
                l.attention.fused = null;
                if (f != null) {
                    f.weight.close();
                    if (f.bias != null) f.bias.close();
                }
                if (l.mlp.fusedGateUp != null) l.mlp.fusedGateUp.close();
                l.mlp.fusedGateUp = null;
            }
        };
    }

    /** Whether every attached delta lets the batch shrink to some of its rows ({@link LinearDelta#canKeepRows}). */
    public boolean canKeepRows() {
        for (Linear l : linears().values()) for (LinearDelta d : l.deltas()) if (!d.canKeepRows()) return false;
        return true;
    }

    /** Tells every attached delta that the batch keeps only these rows ({@link LinearDelta#keepRows}). */
    public void keepRows(int[] rows) {
        for (Linear l : linears().values()) for (LinearDelta d : l.deltas()) d.keepRows(rows);
    }

    /** Whether some attached delta differs between the rows of a batch ({@link LinearDelta#perRow}). */
    public boolean hasPerRowDeltas() {
        for (Linear l : linears().values()) for (LinearDelta d : l.deltas()) if (d.perRow()) return true;
        return false;
    }

    /** Every projection of the decoder layers by HF module name (q/k/v/o_proj, gate/up/down_proj). */
    public Map<String, Linear> linears() {
        Map<String, Linear> out = new LinkedHashMap<>();
        for (DecoderLayer l : layers) {
            for (Linear lin : List.of(l.attention.q, l.attention.k, l.attention.v, l.attention.o, l.mlp.gate, l.mlp.up, l.mlp.down)) {
                out.put(lin.name(), lin);
            }
        }
        return out;
    }

    /** Every weight by its HF tensor name, in checkpoint order (lm_head.weight only when untied). */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("model.embed_tokens.weight", embed);
        for (DecoderLayer l : layers) {
            out.put(l.inputNorm.name() + ".weight", l.inputNorm.weight());
            for (Linear lin : List.of(l.attention.q, l.attention.k, l.attention.v, l.attention.o)) put(out, lin);
            out.put(l.postAttentionNorm.name() + ".weight", l.postAttentionNorm.weight());
            for (Linear lin : List.of(l.mlp.gate, l.mlp.up, l.mlp.down)) put(out, lin);
        }
        out.put("model.norm.weight", norm.weight());
        if (!config.tieWordEmbeddings()) out.put("lm_head.weight", lmHead.weight());
        return out;
    }

    private static void put(Map<String, NDArray> out, Linear lin) {
        out.put(lin.name() + ".weight", lin.weight());
        if (lin.bias() != null) out.put(lin.name() + ".bias", lin.bias());
    }

    /**
     * Writes a Hugging Face checkpoint folder: config.json and model.safetensors in {@code dtype}
     * ("F32", "F16" or "BF16"). Tokenizer files are not the model's: copy them separately.
     */
    public void save(Path dir, String dtype) throws IOException {
        Files.createDirectories(dir);
        String torchDtype = switch (dtype) {
            case "F32" -> "float32";
            case "F16" -> "float16";
            case "BF16" -> "bfloat16";
            default -> throw new IllegalArgumentException("dtype must be F32, F16 or BF16, got " + dtype);
        };
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters().entrySet()) {
            NDArray p = e.getValue();
            float[] data;
            if (p.getDataType() == DataType.FLOAT32) {
                data = p.toFloatArray();
            } else {
                try (NDArray f = p.toType(DataType.FLOAT32, true)) {
                    data = f.toFloatArray();
                }
            }
            tensors.put(e.getKey(), new FloatTensor(p.getShape().getShape(), data));
        }
        SafeTensorsWriter.write(dir.resolve(Checkpoint.WEIGHTS), tensors, Map.of("format", "pt"), dtype);
        config.write(dir, torchDtype);
    }

    /**
     * Replaces every weight by the one of the same name in the checkpoint folder {@code dir} (written by
     * {@link #save}), in place: adapters and callers holding this model see the new weights. Base weights
     * keep their dtype (F32 values are cast on the device into F16 weights).
     */
    public void reloadWeightsFrom(Path dir) {
        try (LlamaModel saved = load(dir, device(), DataType.FLOAT32)) {
            Map<String, NDArray> target = parameters();
            for (Map.Entry<String, NDArray> e : saved.parameters().entrySet()) {
                NDArray t = target.get(e.getKey());
                if (t == null) throw new IllegalStateException(dir + ": tensor " + e.getKey() + " is not in the model");
                if (t.getDataType() == DataType.FLOAT32) {
                    Autograd.overwrite(t, e.getValue().toFloatArray());
                } else {                                    // F16 base weights: cast on the device, copy in place
                    try (NDArray cast = e.getValue().toType(t.getDataType(), false)) {
                        Autograd.noGrad(() -> t.set(new NDIndex(":"), cast));
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        manager.close();
        if (owner != null) owner.close();
    }
}
