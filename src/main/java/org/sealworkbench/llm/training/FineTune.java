package org.sealworkbench.llm.training;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.TokenizerFiles;
import org.sealworkbench.util.FileTrees;

/**
 * The engine's one fine-tuning routine, used by SEAL's inner loop, ReST-EM's SFT and {@code seal finetune}:
 * <ol>
 * <li>{@link #lora}: a fresh LoRA adapter (PEFT's initialisation, drawn from a seed) on the config's targets,
 *     attached to the loaded model; or {@link #full}: every weight trains;</li>
 * <li>{@link #train}: the {@link Trainer} over the trainable tensors with a step callback and a cancel check
 *     (optionally resuming from, and writing, a trainer checkpoint); a LoRA is frozen afterwards and stays attached,
 *     so the adapted model can be used (e.g. to answer questions) before {@link #close};</li>
 * <li>then {@link #savePeft} (the adapter as a PEFT folder), or {@link #merge} (the adapter folded into the base
 *     weights in place) and/or {@link #saveModel} (a checkpoint folder with the base model's tokenizer files).</li>
 * </ol>
 * {@link #close} removes and frees an adapter that was not merged: the base model is as it was and can take the next one.
 */
public final class FineTune implements AutoCloseable {
    private final LlamaModel model;
    private final LoraAdapter adapter;   // null: full fine-tuning
    private boolean merged;

    private FineTune(LlamaModel model, LoraAdapter adapter) {
        this.model = model;
        this.adapter = adapter;
    }

    /** A fresh adapter named {@code name} on {@code config}'s targets, drawn from {@code seed}, attached to {@code model}. */
    public static FineTune lora(LlamaModel model, String name, LoraConfig config, long seed) {
        LoraAdapter a = LoraAdapter.create(name, model.linears(), config, seed, model.manager());
        try {
            a.attach(model.linears());
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        return new FineTune(model, a);
    }

    /** Full fine-tuning: every weight of {@code model} trains (they must be F32; the trainer says so otherwise). */
    public static FineTune full(LlamaModel model) {
        return new FineTune(model, null);
    }

    public boolean isLora() {
        return adapter != null;
    }

    /** Number of values that train. */
    public long trainableParameters() {
        return trainable().values().stream().mapToLong(NDArray::size).sum();
    }

    private Map<String, NDArray> trainable() {
        return adapter != null ? adapter.parameters() : model.parameters();
    }

    /** {@link #train(List, TrainSettings, int, Consumer, BooleanSupplier, Path, Path)} without trainer checkpoints. */
    public TrainResult train(List<SftExample> data, TrainSettings settings, int padId, Consumer<StepInfo> onStep,
                             BooleanSupplier cancelled) {
        return train(data, settings, padId, onStep, cancelled, null, null);
    }

    /**
     * Trains on {@code data}; {@code onStep} (may be null) hears every optimizer step, {@code cancelled} is
     * checked between steps (the result says whether it stopped early).
     *
     * @param resumeFrom a trainer checkpoint to continue from, or null
     * @param checkpointTo where to write the trainer's checkpoint after the run (also when cancelled), or null
     */
    public TrainResult train(List<SftExample> data, TrainSettings settings, int padId, Consumer<StepInfo> onStep,
                             BooleanSupplier cancelled, Path resumeFrom, Path checkpointTo) {
        if (merged) throw new IllegalStateException("the adapter was merged; start a new fine-tune");
        TrainResult result;
        try (Trainer trainer = adapter != null ? new Trainer(TrainableModel.of(model), adapter.flatParameters(), settings, padId)
                : new Trainer(TrainableModel.of(model), model.parameters(), settings, padId)) {
            if (resumeFrom != null) trainer.resume(resumeFrom);
            result = trainer.run(data, onStep, cancelled);
            if (checkpointTo != null) trainer.saveCheckpoint(checkpointTo);
        }
        if (adapter != null) adapter.setTrainable(false);
        return result;
    }

    /** Writes the adapter as a PEFT folder (adapter_config.json, F32 adapter_model.safetensors). */
    public void savePeft(Path dir) {
        if (adapter == null) throw new IllegalStateException("full fine-tuning has no adapter to save; use saveModel");
        if (merged) throw new IllegalStateException("the adapter was merged into the model; use saveModel");
        adapter.save(dir);
    }

    /** Folds the adapter into the base weights in place and frees it: the model alone now computes what model + adapter did. */
    public void merge() {
        if (adapter == null) throw new IllegalStateException("full fine-tuning has no adapter to merge");
        if (merged) return;
        adapter.mergeInto(model.linears());
        adapter.close();
        merged = true;
    }

    /**
     * Writes the fine-tuned model (after {@link #merge}, or of a full fine-tune) as a checkpoint folder; see
     * {@link #saveModel(LlamaModel, Path, Path)}.
     */
    public void saveModel(Path dir, Path tokenizerFrom) {
        if (adapter != null && !merged) throw new IllegalStateException("merge the adapter before saving the model, or save it as PEFT");
        saveModel(model, tokenizerFrom, dir);
    }

    /**
     * Writes {@code model} as a Hugging Face checkpoint folder {@code dir}: F32 weights and config, plus the
     * tokenizer files of {@code tokenizerFrom} ({@link TokenizerFiles#COMPANION_FILES}). It is written whole:
     * into {@code <dir>.partial} first (a leftover one is deleted), then moved into place in one rename, so a
     * folder at {@code dir} is always complete. An existing non-empty {@code dir} is an error (nothing is
     * overwritten).
     */
    public static void saveModel(LlamaModel model, Path tokenizerFrom, Path dir) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".partial");
        try {
            if (Files.exists(dir) && !isEmptyFolder(dir)) {
                throw new IllegalStateException(dir + ": already exists and is not empty; choose another folder or delete it");
            }
            FileTrees.deleteTree(tmp);
            model.save(tmp, "F32");
            TokenizerFiles.copyCompanions(tokenizerFrom, tmp);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);   // onto an empty folder, rename(2) replaces it
        } catch (IOException e) {
            throw new IllegalStateException(dir + ": cannot save the model: " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Removes and frees an adapter that was not merged. */
    @Override
    public void close() {
        if (adapter != null && !merged) adapter.close();
    }
}
