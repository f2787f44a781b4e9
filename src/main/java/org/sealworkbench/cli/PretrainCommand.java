package org.sealworkbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.pretrain.PretrainSettings;
import org.sealworkbench.seal.pretrain.Pretrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain a Llama-architecture model from scratch on the fictional world's corpus (seal-tiny): world "
                + "+ corpus + BPE tokenizer (reused when the folder has them), packed windows, AdamW with cosine "
                + "schedule, a loss log (train-log.jsonl), checkpoints (checkpoint/) and a Hugging Face model folder.")
final class PretrainCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for everything the run makes.")
    Path out;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--world-seed", paramLabel = "S", description = "World seed (default: ${DEFAULT-VALUE}).")
    long worldSeed = 1;

    @Option(names = "--validation-share", paramLabel = "X", description = "Share of entities held out for validation (default: the world's, 0.22).")
    double validationShare = 0;

    @Option(names = "--vocab-size", paramLabel = "V", description = "BPE vocabulary, specials included (default: ${DEFAULT-VALUE}).")
    int vocabSize = 2048;

    @Option(names = "--layers", paramLabel = "N", description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    int layers = 6;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden = 256;

    @Option(names = "--heads", paramLabel = "N", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads = 8;

    @Option(names = "--kv-heads", paramLabel = "N", description = "Key/value heads (default: ${DEFAULT-VALUE}).")
    int kvHeads = 4;

    @Option(names = "--intermediate", paramLabel = "N", description = "MLP size (default: ${DEFAULT-VALUE}).")
    int intermediate = 688;

    @Option(names = "--context", paramLabel = "N", description = "Training window in tokens (default: ${DEFAULT-VALUE}).")
    int context = 256;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    long steps = 2000;

    @Option(names = "--batch", paramLabel = "N", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batch = 16;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr = 2e-3;

    @Option(names = "--warmup", paramLabel = "N", description = "Warmup steps (default: ${DEFAULT-VALUE}).")
    long warmup = 100;

    @Option(names = "--weight-decay", paramLabel = "X", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay = 0.0;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the weights and the data order (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery = 100;

    @Option(names = "--pre-tokenizer", paramLabel = "KIND", description = "How text is cut before BPE: byte-level (GPT-2's) or "
            + "trailing-space (a space ends the word before it, so a name tokenizes the same after a space and at a line start; default: ${DEFAULT-VALUE}).")
    String preTokenizer = "byte-level";

    @Option(names = "--copy-first", description = "Train on the --copy-docs rewrite demonstrations before the rest of the corpus (a copying curriculum).")
    boolean copyFirst;

    @Option(names = "--rope-theta", paramLabel = "X", description = "RoPE base (default: ${DEFAULT-VALUE}; Llama 3 uses 500000).")
    double ropeTheta = PretrainSettings.DEFAULT_ROPE_THETA;

    @Option(names = "--induction-init", description = "Start from weights with an induction circuit in layers 0 and 1 (copying from "
            + "context works from step 0; a tiny model on this budget never learns it alone). Wants a large --rope-theta, e.g. 500000.")
    boolean inductionInit;

    @Option(names = "--resume", description = "Continue from the folder's last checkpoint (same settings).")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Devices.applyThreads();
        PretrainSettings s = new PretrainSettings(worldSeed, corpus.entities,
                corpus.corpusSpec(), vocabSize,
                layers, hidden, heads, kvHeads, intermediate, context, steps, batch, lr, warmup, weightDecay, seed, checkpointEvery, validationShare, preTokenizer, copyFirst, ropeTheta, inductionInit);
        new Pretrainer(s, out, System.err).run(resume, null);
        return 0;
    }
}
