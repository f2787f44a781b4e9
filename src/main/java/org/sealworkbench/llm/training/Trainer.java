package org.sealworkbench.llm.training;

import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensors;
import org.sealworkbench.llm.io.SafeTensorsWriter;
import org.sealworkbench.llm.io.TensorInfo;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.FlatParameters;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Supervised fine-tuning of a {@link TrainableModel}: LoRA (pass the adapter's parameters) or full
 * (pass the model's). Per optimizer step: micro-batches forward + backward (each in its own NDScope so
 * activations die after their backward), gradients summed by autograd, loss normalised by the step's
 * target count, global-norm clip, AdamW at the scheduled lr, gradients zeroed by hand. Grad mode is
 * per thread, so it is switched on here, on the training thread, and restored after.
 *
 * Randomness is derived, not stored: the data order from (seed, epoch) (see {@link TrainPlan}) and
 * PyTorch's generator (dropout) reseeded from (seed, step) before each step. A checkpoint therefore
 * needs only parameters, optimizer moments and the step number to resume bit-for-bit.
 */
public final class Trainer implements AutoCloseable {
    static final String PARAMS_FILE = "trainable.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String STATE_FILE = "trainer_state.json";

    private final TrainableModel model;
    private final Map<String, NDArray> trainable;
    private final TrainSettings settings;
    private final int padId;
    private final AdamW optimizer;
    private long step;

    public Trainer(TrainableModel model, Map<String, NDArray> trainable, TrainSettings settings, int padId) {
        this(model, trainable, null, settings, padId);
    }

    /** Trains a LoRA adapter's parameters, which are views of one buffer: AdamW then updates them all with one op. */
    public Trainer(TrainableModel model, FlatParameters adapter, TrainSettings settings, int padId) {
        this(model, adapter.views(), adapter.flat(), settings, padId);
    }

    private Trainer(TrainableModel model, Map<String, NDArray> trainable, NDArray flat, TrainSettings settings, int padId) {
        if (trainable.isEmpty()) throw new IllegalArgumentException("nothing to train");
        for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
            if (e.getValue().getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
                throw new IllegalArgumentException("cannot train " + e.getKey() + ": it is "
                        + Devices.dtypeName(e.getValue().getDataType()) + " and training needs F32 parameters"
                        + " (full fine-tuning of F16 base weights, i.e. mixed precision, is not supported):"
                        + " load the model with F32 base weights (" + Devices.BASE_DTYPE_SETTING + "=f32) or train a LoRA adapter");
            }
        }
        this.model = model;
        this.trainable = new LinkedHashMap<>(trainable);
        this.settings = settings;
        this.padId = padId;
        this.trainable.values().forEach(p -> p.setRequiresGradient(true));
        this.optimizer = new AdamW(this.trainable, new AdamW.Config(settings.lr(), 0.9, 0.999, 1e-8, settings.weightDecay()), flat);
    }

    public long stepsDone() {
        return step;
    }

    public TrainSettings settings() {
        return settings;
    }

    /**
     * Trains from the current step to the end of the plan, or until {@code cancel} says stop (checked
     * before each step). {@code onStep} runs on this thread after each step.
     */
    public TrainResult run(List<SftExample> data, Consumer<StepInfo> onStep, BooleanSupplier cancel) {
        TrainPlan plan = TrainPlan.of(data.size(), settings);
        LrSchedule schedule = new LrSchedule(settings.schedule(), settings.lr(), settings.warmupSteps(), plan.size());
        List<StepInfo> done = new ArrayList<>();
        boolean cancelled = false;
        while (step < plan.size()) {
            if (cancel != null && cancel.getAsBoolean()) {
                cancelled = true;
                break;
            }
            TrainPlan.Step ps = plan.steps().get((int) step);
            List<SftBatch> batches = new ArrayList<>();
            for (List<Integer> mb : ps.microBatches()) {
                List<SftExample> rows = new ArrayList<>();
                for (int i : mb) rows.add(data.get(i));
                batches.add(SftBatch.collate(rows, padId, settings.mask()));
            }
            StepInfo info = trainStep(batches, schedule.lr(step), ps.epoch(), plan.size());
            done.add(info);
            if (onStep != null) onStep.accept(info);
        }
        return new TrainResult(done, cancelled, step, plan.size());
    }

    /** One optimizer step over the given micro-batches at learning rate {@code lr}. */
    public StepInfo trainStep(List<SftBatch> batches, double lr, int epoch, long totalSteps) {
        long t0 = System.nanoTime();
        double targets = 0;
        long tokens = 0;
        for (SftBatch b : batches) {
            targets += b.targetCount();
            tokens += (long) b.rows() * b.cols();
        }
        Engine.getEngine("PyTorch").setRandomSeed((int) (settings.seed() * 7919 + step));   // dropout masks per (seed, step)
        double loss;
        double gradNorm;
        long tCompute;
        boolean gradBefore = Autograd.isGradMode();
        Autograd.setGradMode(true);
        try (NDScope stepScope = new NDScope()) {
            loss = accumulateGradients(batches, targets);
            tCompute = System.nanoTime();
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (var e : trainable.entrySet()) {
                NDArray g = Autograd.gradient(e.getValue());
                if (g != null) grads.put(e.getKey(), g);
            }
            NDArray flat = optimizer.flatGradient(grads);     // one tensor: one norm op and one update, not one per parameter
            if (flat != null) {
                gradNorm = GradClip.clipFlat(flat, settings.maxGradNorm());
                optimizer.stepFlat(flat, lr);
            } else {
                gradNorm = GradClip.clip(grads.values(), settings.maxGradNorm());
                optimizer.step(grads, lr);
            }
            for (NDArray p : trainable.values()) Autograd.zeroGradient(p);
        } finally {
            Autograd.setGradMode(gradBefore);
        }
        step++;
        long t1 = System.nanoTime();
        double secs = (t1 - t0) / 1e9;
        return new StepInfo(step, totalSteps, epoch, loss, lr, gradNorm, tokens, tokens / secs, (tCompute - t0) / 1e9, (t1 - tCompute) / 1e9);
    }

    /**
     * Forward + backward of every micro-batch (grad mode must be on), each in its own scope so that its
     * activations are freed right after its backward; returns the mean loss over {@code targets} targets.
     */
    private double accumulateGradients(List<SftBatch> batches, double targets) {
        NDManager nd = model.manager();
        float norm = (float) Math.max(targets, 1);
        double loss = 0;
        for (SftBatch b : batches) {
            try (NDScope micro = new NDScope()) {
                NDArray ids = nd.create(b.ids(), new Shape(b.rows(), b.cols()));
                NDArray w = nd.create(b.weights(), new Shape(b.rows(), b.cols()));
                NDArray logits = model.forward(ids, true);                          // [B, T, V]
                NDArray l = Autograd.mulScalar(CausalLmLoss.weightedSum(logits, ids, w), 1.0 / norm);
                loss += l.getFloat();
                if (targets > 0) Autograd.backward(l);
            }
        }
        return loss;
    }

    /** The loss and gradients the next step would use, without updating anything (for gradient checks). */
    public Map<String, float[]> gradients(List<SftBatch> batches, double[] lossOut) {
        double targets = 0;
        for (SftBatch b : batches) targets += b.targetCount();
        Map<String, float[]> out = new LinkedHashMap<>();
        boolean gradBefore = Autograd.isGradMode();
        Autograd.setGradMode(true);
        try (NDScope scope = new NDScope()) {
            lossOut[0] = accumulateGradients(batches, targets);
            for (var e : trainable.entrySet()) {
                NDArray g = Autograd.gradient(e.getValue());
                out.put(e.getKey(), g == null ? null : g.toFloatArray());
                Autograd.zeroGradient(e.getValue());
            }
        } finally {
            Autograd.setGradMode(gradBefore);
        }
        return out;
    }

    /** The mean loss of the batches with no gradient recording (evaluation, finite differences). */
    public double loss(List<SftBatch> batches) {
        double targets = 0;
        for (SftBatch b : batches) targets += b.targetCount();
        boolean gradBefore = Autograd.isGradMode();
        Autograd.setGradMode(false);
        try (NDScope scope = new NDScope()) {
            return accumulateGradients(batches, 0) / Math.max(targets, 1);
        } finally {
            Autograd.setGradMode(gradBefore);
        }
    }

    /** Writes parameters, optimizer state and the step to {@code dir} (the state file last: it marks completeness). */
    public void saveCheckpoint(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(STATE_FILE));
            Map<String, FloatTensor> params = new LinkedHashMap<>();
            for (var e : trainable.entrySet()) {
                params.put(e.getKey(), new FloatTensor(e.getValue().getShape().getShape(), e.getValue().toFloatArray()));
            }
            SafeTensorsWriter.write(dir.resolve(PARAMS_FILE), params, Map.of(), "F32");
            SafeTensorsWriter.write(dir.resolve(OPTIMIZER_FILE), optimizer.stateTensors(), Map.of(), "F32");
            JsonObject o = new JsonObject();
            o.addProperty("step", step);
            o.addProperty("optimizer_step", optimizer.stepCount());
            o.addProperty("seed", settings.seed());
            o.add("settings", new Gson().toJsonTree(settings));
            Files.writeString(dir.resolve(STATE_FILE), new Gson().toJson(o), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(dir + ": cannot write checkpoint: " + e.getMessage(), e);
        }
    }

    /** Restores a checkpoint written by {@link #saveCheckpoint} for the same trainable tensors and settings. */
    public void resume(Path dir) {
        Path stateFile = dir.resolve(STATE_FILE);
        if (!Files.exists(stateFile)) throw new IllegalArgumentException(stateFile + ": file not found (no complete checkpoint in " + dir + ")");
        JsonObject o;
        try {
            o = org.sealworkbench.llm.io.Json.readObject(stateFile); // strict, our words, names the file
        } catch (org.sealworkbench.llm.io.CheckpointException e) {
            throw new IllegalArgumentException(e.getMessage() + " (unreadable trainer state)", e);
        }
        TrainSettings saved = new Gson().fromJson(o.get("settings"), TrainSettings.class);
        if (!saved.equals(settings)) {
            throw new IllegalArgumentException(stateFile + ": checkpoint was made with different settings (" + saved + ") than this run (" + settings + ")");
        }
        try (SafeTensors st = SafeTensors.open(dir.resolve(PARAMS_FILE))) {
            for (var e : trainable.entrySet()) {
                TensorInfo info = st.tensors().get(e.getKey());
                if (info == null) throw new IllegalArgumentException(st.file() + ": checkpoint lacks tensor " + e.getKey());
                if (!new Shape(info.shape()).equals(e.getValue().getShape())) {
                    throw new IllegalArgumentException(st.file() + ": tensor " + e.getKey() + " has shape " + new Shape(info.shape())
                            + ", the model's is " + e.getValue().getShape());
                }
                Autograd.overwrite(e.getValue(), st.readFloats(e.getKey()));   // in place: they may be views of a flat buffer
            }
        }
        Map<String, float[]> opt = new LinkedHashMap<>();
        try (SafeTensors st = SafeTensors.open(dir.resolve(OPTIMIZER_FILE))) {
            for (String k : st.tensors().keySet()) opt.put(k, st.readFloats(k));
        }
        Autograd.noGrad(() -> optimizer.loadState(opt, o.get("optimizer_step").getAsLong()));
        step = o.get("step").getAsLong();
    }

    @Override
    public void close() {
        optimizer.close();
        for (NDArray p : trainable.values()) p.setRequiresGradient(false);
    }
}
