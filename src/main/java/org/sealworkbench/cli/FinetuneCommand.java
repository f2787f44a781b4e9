package org.sealworkbench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.FinetuneJob;
import org.sealworkbench.jobs.FinetuneRequest;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.seal.LoraSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `seal finetune`: LoRA (PEFT adapter out) or full fine-tuning (HF checkpoint out) on a JSONL file. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune a checkpoint on {\"prompt\",\"completion\"} or {\"text\"} JSON lines; writes a PEFT LoRA adapter, or a full checkpoint with --full.")
final class FinetuneCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "Hugging Face checkpoint folder (default: the bundled seal-tiny).") Path model;
    @Option(names = "--data", required = true, description = "JSONL training file") Path data;
    @Option(names = "--out", required = true, description = "output folder (adapter, or checkpoint with --full)") Path out;
    @Option(names = "--rank", defaultValue = "16") int rank;
    @Option(names = "--alpha", defaultValue = "32") double alpha;
    @Option(names = "--dropout", defaultValue = "0") double dropout;
    @Option(names = "--targets", defaultValue = "q_proj,v_proj", description = "comma-separated projections (q,k,v,o,gate,up,down _proj) or 'all'") String targets;
    @Option(names = "--lr", defaultValue = "1e-3") double lr;
    @Option(names = "--epochs", defaultValue = "1") int epochs;
    @Option(names = "--batch", defaultValue = "1") int batch;
    @Option(names = "--grad-accum", defaultValue = "1") int gradAccum;
    @Option(names = "--schedule", defaultValue = "linear", description = "constant, linear or cosine") String schedule;
    @Option(names = "--warmup", defaultValue = "0", description = "warmup steps") long warmup;
    @Option(names = "--weight-decay", defaultValue = "0") double weightDecay;
    @Option(names = "--max-grad-norm", defaultValue = "1.0") double maxGradNorm;
    @Option(names = "--mask", defaultValue = "prompt", description = "prompt (loss on completions), padding (all real tokens), none (labels = inputs incl. padding)") String mask;
    @Option(names = "--max-length", defaultValue = "2048") int maxLength;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--full", description = "full fine-tuning instead of LoRA") boolean full;
    @Option(names = "--checkpoint", description = "folder for a resumable checkpoint, written at the end or on Ctrl-C") Path checkpoint;
    @Option(names = "--resume", description = "resume from --checkpoint") boolean resume;
    @Option(names = "--workspace", description = "record the job in this workspace's jobs table (then `seal resume` can finish it)") Path workspace;

    /** The flags as a request: everything the job needs to build itself. */
    FinetuneRequest request() {
        LossMask lossMask = LossMask.parse(mask);
        TrainSettings settings = new TrainSettings(epochs, batch, gradAccum, lr, LrSchedule.parseKind(schedule), warmup,
                weightDecay, maxGradNorm, lossMask, true, seed);
        List<String> t = targets.equals("all") ? LoraConfig.ALL_PROJECTIONS : Arrays.asList(targets.split(","));
        return new FinetuneRequest(workspace, model, data, out, full ? null : new LoraSettings(rank, alpha, dropout, t), settings,
                maxLength, checkpoint, resume);
    }

    @Override
    public Integer call() throws Exception {
        FinetuneRequest request = request();
        // Every step's line goes to stdout as it happens (the log of a fine-tune), not to a progress bar.
        FinetuneJob.Report r;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            r = new FinetuneJob(request).run((done, total, message) -> {
                System.out.println(message);
                System.out.flush();
            }, interrupt.token());
        }
        if (r.result().cancelled()) {
            System.out.println("finetune: cancelled after step " + r.result().stepsDone() + (checkpoint != null ? "; resume with --resume" : ""));
            return 1;
        }
        System.out.println(full ? "finetune: wrote checkpoint " + out : "finetune: wrote PEFT adapter " + out);
        return 0;
    }
}
