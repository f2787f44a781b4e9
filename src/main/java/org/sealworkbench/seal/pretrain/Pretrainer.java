package org.sealworkbench.seal.pretrain;

import org.sealworkbench.util.FileTrees;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.data.world.WorldSpec;
import org.sealworkbench.llm.model.InductionInit;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;
import org.sealworkbench.llm.tokenizer.BpeModel;
import org.sealworkbench.llm.tokenizer.BpeTokenizer;
import org.sealworkbench.llm.tokenizer.BpeTrainer;
import org.sealworkbench.llm.tokenizer.TokenizerFiles;
import org.sealworkbench.seal.PromptTemplates;

/**
 * Pretrains seal-tiny from scratch into a folder: the world and its corpus ({@code world/}), the BPE
 * tokenizer, the training loop with a loss log and atomic checkpoints, and finally a Hugging Face
 * checkpoint folder. Anything already in the folder (world, tokenizer, checkpoint) is reused, so a killed
 * run resumes where its last checkpoint left it.
 */
public final class Pretrainer {
    public static final String WORLD_DIR = "world";
    public static final String CHECKPOINT_DIR = "checkpoint";
    public static final String LOG = "train-log.jsonl";
    public static final String RUN_STATE = "pretrain-state.json";
    public static final String SUMMARY = "pretrain-summary.json";
    /** The bundle limit for weights + tokenizer; above it the weights are written in F16. */
    public static final long MAX_BYTES = 25L * 1000 * 1000;

    private final PretrainSettings s;
    private final Path dir;
    private final PrintStream progress;

    public Pretrainer(PretrainSettings settings, Path dir, PrintStream progress) {
        this.s = settings;
        this.dir = dir;
        this.progress = progress;
    }

    /** What a finished run reports (also written to {@value #SUMMARY}). */
    public record Summary(long steps, double finalLoss, double secondsTraining, long corpusTokens, int windows,
                          double epochs, long parameters, String dtype, long modelBytes, String threads) {}

    /** The world, the corpus documents and the tokenizer: from the folder when present, else made and saved. */
    public record Prepared(World world, List<String> documents, BpeModel tokenizer) {}

    public Prepared prepare() throws IOException {
        World world = WorldGenerator.generate(s.worldSpec());
        Path worldDir = dir.resolve(WORLD_DIR);
        Path corpusFile = worldDir.resolve(WorldFiles.CORPUS);
        if (!Files.exists(corpusFile)) {
            progress.printf("pretrain: writing world (seed %d, %d entities) and corpus to %s%n", s.worldSeed(), s.entities(), worldDir);
            WorldFiles.write(world, s.corpus(), worldDir);
        }
        String text = Files.readString(corpusFile, StandardCharsets.UTF_8);
        List<String> docs = new ArrayList<>();
        for (String d : text.split(java.util.regex.Pattern.quote(WorldCorpus.SEPARATOR))) if (!d.isEmpty()) docs.add(d);
        if (docs.isEmpty()) throw new IllegalArgumentException(corpusFile + ": empty corpus");
        Path tokFile = dir.resolve(TokenizerFiles.TOKENIZER_JSON);
        BpeModel bpe;
        if (Files.exists(tokFile)) {
            bpe = TokenizerFiles.read(tokFile);
        } else {
            progress.printf("pretrain: training a BPE tokenizer of %d tokens (%s pre-tokenizer)%n", s.vocabSize(), s.preTokenizer());
            bpe = new BpeTrainer(s.vocabSize(), List.of(WorldCorpus.SEPARATOR), 2, s.preTokenizerKind()).train(text);
            TokenizerFiles.write(bpe, dir, s.context());
        }
        return new Prepared(world, docs, bpe);
    }

    /** Trains (resuming when {@code resume} and a checkpoint exists) and writes the final model folder. */
    public Summary run(boolean resume, BooleanSupplier cancel) throws IOException {
        PretrainSettings saved = PretrainSettings.read(dir);
        // A resumed run may be given more steps (training longer: the cosine schedule is stretched to the new end,
        // so the learning rate rises again from where the shorter schedule had brought it); nothing else may change.
        boolean longer = saved != null && s.steps() > saved.steps() && saved.withSteps(s.steps()).equals(s);
        if (resume && saved != null && !saved.equals(s) && !longer && hasCheckpoint()) {
            throw new IllegalArgumentException(dir.resolve(PretrainSettings.FILE) + ": the folder's checkpoint was made with other settings ("
                    + saved + "); use another --out or the same settings (only --steps may grow)");
        }
        s.write(dir);
        Prepared p = prepare();
        BpeTokenizer tok = new BpeTokenizer(p.tokenizer());
        int eos = tok.id(WorldCorpus.SEPARATOR);
        List<int[]> encoded = new ArrayList<>(p.documents().size());
        List<int[]> leading = new ArrayList<>();
        String rewrite = PromptTemplates.REWRITE.instruction();
        for (String d : p.documents()) {
            boolean copying = d.startsWith(rewrite) || d.startsWith(WorldCorpus.DRILL_HEADER);
            (s.copyFirst() && copying ? leading : encoded).add(tok.encode(d));
        }
        PackedCorpus corpus = PackedCorpus.pack(leading, encoded, eos, s.context(), s.seed());
        if (!leading.isEmpty()) progress.printf("pretrain: %,d copying documents (rewrite demonstrations, copy drills) first (curriculum)%n", leading.size());
        ModelConfig cfg = s.modelConfig(p.tokenizer().vocabSize(), eos);
        progress.printf("pretrain: %,d documents, %,d tokens, %,d windows of %d; model of %,d parameters; %d steps of %d windows = %.2f epochs%n",
                encoded.size() + leading.size(), corpus.tokens(), corpus.windows(), s.context(), cfg.parameterCount(), s.steps(), s.batch(),
                corpus.epochs(s.steps(), s.batch()));
        TrainSettings ts = new TrainSettings(1, s.batch(), 1, s.lr(), LrSchedule.Kind.COSINE, s.warmup(), s.weightDecay(),
                1.0, LossMask.PADDING, false, s.seed());
        LrSchedule schedule = new LrSchedule(LrSchedule.Kind.COSINE, s.lr(), s.warmup(), s.steps());
        double lastLoss = Double.NaN;
        double elapsedBefore = 0;
        try (LlamaModel model = LlamaModel.randomF32(cfg, s.seed(), s.inductionInit() ? new InductionInit(cfg, s.seed()) : null);
             Trainer trainer = new Trainer(TrainableModel.of(model), model.parameters(), ts, eos)) {
            Path ckpt = checkpointToUse();
            if (resume && ckpt != null) {
                trainer.resume(ckpt);
                JsonObject st = readState(ckpt);
                elapsedBefore = st.get("elapsed_s").getAsDouble();
                lastLoss = st.get("loss").getAsDouble();
                truncateLog(trainer.stepsDone());
                progress.printf("pretrain: resumed from %s at step %d%n", ckpt, trainer.stepsDone());
            } else {
                if (!resume) FileTrees.deleteTree(dir.resolve(CHECKPOINT_DIR));
                Files.deleteIfExists(dir.resolve(LOG));
            }
            long t0 = System.nanoTime();
            long reportEvery = Math.max(1, Math.min(50, s.steps() / 100));
            while (trainer.stepsDone() < s.steps()) {
                if (cancel != null && cancel.getAsBoolean()) return null;
                long step = trainer.stepsDone();
                StepInfo info = trainer.trainStep(List.of(corpus.batch(step, s.batch())), schedule.lr(step), 0, s.steps());
                if (!Double.isFinite(info.loss())) throw new IllegalStateException("loss is " + info.loss() + " at step " + info.step() + ": lower --lr");
                lastLoss = info.loss();
                double elapsed = elapsedBefore + (System.nanoTime() - t0) / 1e9;
                appendLog(info, elapsed);
                if (info.step() % reportEvery == 0 || info.step() == s.steps()) {
                    double rate = (info.step() - 0.0) / Math.max(elapsed, 1e-9);
                    progress.printf("step %d/%d  loss %.4f  lr %.2e  %.0f tok/s  %s elapsed, ~%s left%n", info.step(), s.steps(), info.loss(),
                            info.lr(), info.tokensPerSecond(), clock(elapsed), clock((s.steps() - info.step()) / Math.max(rate, 1e-9)));
                }
                if (info.step() % s.checkpointEvery() == 0 && info.step() < s.steps()) {
                    saveCheckpoint(trainer, info.loss(), elapsed);
                    progress.printf("checkpoint %d%n", info.step());
                }
            }
            double seconds = elapsedBefore + (System.nanoTime() - t0) / 1e9;
            String dtype = "F32";
            long tokBytes = Files.size(dir.resolve(TokenizerFiles.TOKENIZER_JSON));
            if (cfg.parameterCount() * 4 + tokBytes > MAX_BYTES) dtype = "F16";
            model.save(dir, dtype);
            writeGenerationConfig(eos);
            saveCheckpoint(trainer, lastLoss, seconds);
            Summary sum = new Summary(s.steps(), lastLoss, seconds, corpus.tokens(), corpus.windows(), corpus.epochs(s.steps(), s.batch()),
                    cfg.parameterCount(), dtype, Files.size(dir.resolve("model.safetensors")),
                    System.getenv().getOrDefault("SEAL_THREADS", "default"));
            Files.writeString(dir.resolve(SUMMARY), new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(sum) + "\n");
            Files.copy(dir.resolve(WORLD_DIR).resolve(WorldFiles.STATS), dir.resolve(ModelCard.CORPUS_STATS), StandardCopyOption.REPLACE_EXISTING);
            ModelCard.write(dir);
            progress.printf("pretrain: done, %d steps, final loss %.4f, %s; wrote %s%n", s.steps(), lastLoss, clock(seconds), dir);
            return sum;
        }
    }

    public boolean hasCheckpoint() {
        return checkpointToUse() != null;
    }

    /** The last complete checkpoint: the folder, or the previous one when a kill fell between the renames. */
    Path checkpointToUse() {
        for (String name : List.of(CHECKPOINT_DIR, CHECKPOINT_DIR + ".old")) {
            Path c = dir.resolve(name);
            if (Files.exists(c.resolve(RUN_STATE))) return c;
        }
        return null;
    }

    /** Writes into a fresh temporary folder, then swaps it in by renames: a kill never leaves a half checkpoint as the last one. */
    private void saveCheckpoint(Trainer trainer, double loss, double elapsed) throws IOException {
        Path tmp = dir.resolve(CHECKPOINT_DIR + ".tmp");
        Path cur = dir.resolve(CHECKPOINT_DIR);
        Path old = dir.resolve(CHECKPOINT_DIR + ".old");
        FileTrees.deleteTree(tmp);
        trainer.saveCheckpoint(tmp);
        JsonObject st = new JsonObject();
        st.addProperty("step", trainer.stepsDone());
        st.addProperty("loss", loss);
        st.addProperty("elapsed_s", elapsed);
        Files.writeString(tmp.resolve(RUN_STATE), st.toString(), StandardCharsets.UTF_8);   // last: marks completeness
        if (Files.exists(cur)) {
            FileTrees.deleteTree(old);
            Files.move(cur, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, cur, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.deleteTree(old);
    }

    private static JsonObject readState(Path ckpt) throws IOException {
        Path f = ckpt.resolve(RUN_STATE);
        try {
            return JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(f + ": unreadable checkpoint state: " + e.getMessage(), e);
        }
    }

    private void appendLog(StepInfo info, double elapsed) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("step", info.step());
        o.addProperty("loss", info.loss());
        o.addProperty("lr", info.lr());
        o.addProperty("tokens_per_s", Math.round(info.tokensPerSecond()));
        o.addProperty("elapsed_s", Math.round(elapsed * 10) / 10.0);
        Files.writeString(dir.resolve(LOG), o + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Drops log lines after the checkpoint's step (they were written after it, by the killed run). */
    private void truncateLog(long step) throws IOException {
        Path f = dir.resolve(LOG);
        if (!Files.exists(f)) return;
        StringBuilder keep = new StringBuilder();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                if (JsonParser.parseString(line).getAsJsonObject().get("step").getAsLong() <= step) keep.append(line).append('\n');
            } catch (RuntimeException e) {
                break;   // a line cut by the kill
            }
        }
        Files.writeString(f, keep.toString(), StandardCharsets.UTF_8);
    }

    private void writeGenerationConfig(int eos) throws IOException {
        JsonObject gc = new JsonObject();
        gc.addProperty("eos_token_id", eos);
        gc.addProperty("pad_token_id", eos);
        gc.addProperty("do_sample", false);
        gc.addProperty("max_new_tokens", 64);
        Files.writeString(dir.resolve("generation_config.json"),
                new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(gc) + "\n", StandardCharsets.UTF_8);
    }

    static String clock(double seconds) {
        long t = Math.round(seconds);
        return String.format("%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
    }

}
