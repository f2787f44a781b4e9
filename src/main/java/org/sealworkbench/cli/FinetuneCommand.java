package org.sealworkbench.cli;

import org.sealworkbench.util.CancelToken;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftData;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    @Override
    public Integer call() throws Exception {
        if (resume && checkpoint == null) throw new IllegalArgumentException("--resume needs --checkpoint DIR");
        LossMask lossMask = LossMask.parse(mask);
        TrainSettings settings = new TrainSettings(epochs, batch, gradAccum, lr, LrSchedule.parseKind(schedule), warmup,
                weightDecay, maxGradNorm, lossMask, true, seed);
        List<SftData.Record> records = SftData.read(data);
        try (LlamaModel m = LlamaModel.load(model, Devices.pick()); Tokenizer tok = Tokenizer.load(model)) {
            List<SftExample> examples = SftData.tokenize(records, tok, maxLength,
                    tok.eosIds().isEmpty() ? null : tok.eosIds().get(0), lossMask == LossMask.PROMPT);
            if (examples.isEmpty()) throw new IllegalArgumentException(data + ": no record has 2 or more tokens");
            List<String> t = targets.equals("all") ? LoraConfig.ALL_PROJECTIONS : Arrays.asList(targets.split(","));
            try (FineTune ft = full ? FineTune.full(m)
                    : FineTune.lora(m, "default", LoraConfig.of(rank, alpha, dropout, t).withBaseModel(model.toAbsolutePath().toString()), seed)) {
                System.out.printf(Locale.ROOT, "finetune: %d examples, %s, %,d trainable parameters%n", examples.size(),
                        full ? "full fine-tuning" : "LoRA r=" + rank + " alpha=" + alpha + " on " + targets, ft.trainableParameters());
                // Ctrl-C: stop after the current step, save the checkpoint, then let the JVM exit
                CancelToken cancel = new CancelToken();
                CountDownLatch finished = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    cancel.cancel();
                    try {
                        finished.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                });
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    TrainResult res = ft.train(examples, settings, tok.padId(), s -> System.out.printf(Locale.ROOT,
                            "step %d/%d epoch %d loss %.4f lr %.3e grad_norm %.3f tokens/s %.1f%n",
                            s.step(), s.totalSteps(), s.epoch() + 1, s.loss(), s.lr(), s.gradNorm(), s.tokensPerSecond()), cancel,
                            resume ? checkpoint : null, checkpoint);
                    if (res.cancelled()) {
                        System.out.println("finetune: cancelled after step " + res.stepsDone() + (checkpoint != null ? "; resume with --resume" : ""));
                        return 1;
                    }
                } finally {
                    finished.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException ignored) {
                        // already shutting down
                    }
                }
                if (full) {
                    ft.saveModel(out, model);
                    System.out.println("finetune: wrote checkpoint " + out);
                } else {
                    ft.savePeft(out);
                    System.out.println("finetune: wrote PEFT adapter " + out);
                }
            }
        }
        return 0;
    }
}
