package org.sealworkbench.jobs;

import java.nio.file.Path;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.seal.LoraSettings;

/**
 * Fine-tune a checkpoint on a JSONL file of {"prompt","completion"} or {"text"} records (see {@link FinetuneJob}).
 *
 * @param workspace  a workspace whose jobs table records the job (null: not recorded, as `seal finetune` without
 *                   --workspace)
 * @param lora       the adapter to train and save in PEFT's format; null: full fine-tuning, a whole checkpoint out
 * @param maxLength  most tokens per example
 * @param checkpoint folder of a resumable trainer checkpoint, written at the end or on cancel (null: none)
 * @param resume     continue from {@code checkpoint}
 */
public record FinetuneRequest(Path workspace, Path model, Path data, Path out, LoraSettings lora, TrainSettings training,
                              int maxLength, Path checkpoint, boolean resume) implements JobRequest<FinetuneJob.Report> {
    public static final String KIND = "finetune";

    public FinetuneRequest {
        if (model == null || data == null || out == null || training == null) {
            throw new IllegalArgumentException("fine-tuning needs a model, a data file, an output folder and training settings");
        }
        if (maxLength < 2) throw new IllegalArgumentException("max length must be at least 2, got " + maxLength);
        if (resume && checkpoint == null) throw new IllegalArgumentException("--resume needs --checkpoint DIR");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
