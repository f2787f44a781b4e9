package org.sealworkbench.seal.pretrain;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sealworkbench.llm.tokenizer.PreTokenizer;
import java.util.Map;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.seal.PromptTemplates;

/**
 * Writes {@code MODEL_CARD.md} of a pretrained world model from the files in its folder: the settings,
 * the training summary, the corpus statistics, and (when present) the measured results of
 * {@code seal pretrain-eval}. Rewritten after each of those, so the card never claims a number the folder
 * does not hold. {@value #NOTES} (optional, free text) is appended, for what only a person knows (e.g. how
 * busy the machine was).
 */
public final class ModelCard {
    public static final String FILE = "MODEL_CARD.md";
    public static final String NOTES = "MODEL_NOTES.md";
    public static final String EVAL = "eval-results.json";
    public static final String CORPUS_STATS = "corpus-stats.json";

    private ModelCard() {}

    public static void write(Path dir) throws IOException {
        PretrainSettings s = PretrainSettings.read(dir);
        if (s == null) throw new IllegalArgumentException(dir.resolve(PretrainSettings.FILE) + ": file not found (not a pretrain folder)");
        ModelConfig cfg = ModelConfig.read(dir);
        JsonObject sum = read(dir.resolve(Pretrainer.SUMMARY));
        JsonObject stats = read(dir.resolve(CORPUS_STATS));
        StringBuilder b = new StringBuilder();
        b.append("# seal-tiny\n\n");
        b.append("A small Llama-architecture base model pretrained from scratch by SEAL Workbench (`seal pretrain`) on text about a\n")
         .append("fictional world that no other model has seen. Part of the world (the RL-train and validation entities) is never\n")
         .append("mentioned in its corpus, so facts about it are new knowledge: the setting of SEAL's knowledge-incorporation\n")
         .append("experiments, small enough to run on a laptop CPU. It is a toy for demonstrating and testing the method, not a\n")
         .append("general language model: it knows only the world's templated English.\n\n");
        b.append("## Architecture\n\n");
        b.append(String.format(Locale.ROOT, "`model_type` llama, %d layers, hidden %d, %d attention heads over %d key/value heads (head dim %d), "
                        + "MLP %d (SiLU), RMSNorm eps %s, RoPE theta %s, tied input/output embeddings, context %d, vocabulary %d "
                        + "(byte-level BPE trained on the corpus, %s pre-tokenizer; EOS = pad = `<|endoftext|>`). **%,d parameters**",
                cfg.numHiddenLayers(), cfg.hiddenSize(), cfg.numAttentionHeads(), cfg.numKeyValueHeads(), cfg.headDim(), cfg.intermediateSize(),
                cfg.rmsNormEps(), cfg.ropeTheta(), cfg.maxPositionEmbeddings(), cfg.vocabSize(),
                s.preTokenizerKind() == PreTokenizer.TRAILING_SPACE ? "trailing-space (a space ends the word before it, so a name is the same tokens after a space and at a line start)" : "GPT-2's",
                cfg.parameterCount()));
        if (sum != null) b.append(String.format(Locale.ROOT, ", stored as %s (%,d bytes)", sum.get("dtype").getAsString(), sum.get("modelBytes").getAsLong()));
        b.append(".\n\n");
        b.append("## Data\n\n");
        if (s.validationShare() > 0) b.append(String.format(Locale.ROOT, "Validation share %.2f of the entities. ", s.validationShare()));
        b.append(String.format(Locale.ROOT, "World seed %d with %d entities (`seal world --seed %d --entities %d`). Corpus spec: %d phrasings of each "
                        + "pretraining passage, %d closed-book QA document(s) per fact (SEAL's answering prompt), %d restatement(s) per fact, "
                        + "%d self-edit demonstration(s) per entity (SEAL's implications prompt, of uneven quality), %d reading-comprehension "
                        + "document(s) per entity (a phrasing of the passage, then two of its questions with answers); plus %d entities of a "
                        + "second, unrelated world, each written exactly once as a reading document and once as a self-edit demonstration, "
                        + "so that their answers can only be copied from the passage in context (this is what teaches the model to read).%n%n",
                s.worldSeed(), s.entities(), s.worldSeed(), s.entities(), s.corpus().renderings(), s.corpus().questionsPerFact(),
                s.corpus().restatementsPerFact(), s.corpus().selfEditDemos(), s.corpus().readings(), s.corpus().freshEntities()));
        if (s.corpus().copyDocs() > 0) {
            b.append(String.format(Locale.ROOT, "Also %d rewrite demonstrations (SEAL's rewrite prompt answered with the passage verbatim, then with full "
                    + "names) about entities of a third world, to teach exact copying%s.%n%n", s.corpus().copyDocs(),
                    s.copyFirst() ? "; the first epoch trains on them before everything else (a curriculum)" : ""));
        }
        if (s.corpus().selfQaShare() > 0) {
            b.append(String.format(Locale.ROOT, "A share of %.2f of the self-edit demonstrations (pretraining and second-world entities alike) use "
                    + "SEAL's self-qa prompt instead, answered with question-answer pairs in the world's question phrasings, of the same uneven "
                    + "quality.%n%n", s.corpus().selfQaShare()));
        }
        if (s.corpus().copyDrills() > 0) {
            b.append(String.format(Locale.ROOT, "Also %d copy drills: a list of 8 to 24 names and values of a fourth world, then the same list "
                    + "again, so that the second half can only be predicted by copying%s.%n%n", s.corpus().copyDrills(),
                    s.copyFirst() ? " (trained first in the first epoch, with the rewrite demonstrations)" : ""));
        }
        if (stats != null) {
            b.append("| part | entities |\n|---|---|\n");
            for (Map.Entry<String, JsonElement> e : stats.getAsJsonObject("entitiesPerPart").entrySet()) {
                b.append("| ").append(e.getKey()).append(" | ").append(e.getValue().getAsInt()).append(" |\n");
            }
            b.append("\n| document kind | documents | characters | share |\n|---|---|---|---|\n");
            JsonObject docs = stats.getAsJsonObject("documentsPerKind");
            JsonObject chars = stats.getAsJsonObject("charactersPerKind");
            JsonObject share = stats.getAsJsonObject("shareOfCharacters");
            for (String k : docs.keySet()) {
                b.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f %% |%n", k, docs.get(k).getAsInt(), chars.get(k).getAsLong(),
                        100 * share.get(k).getAsDouble()));
            }
            b.append(String.format(Locale.ROOT, "| total | %,d | %,d | |%n%n", stats.get("documents").getAsInt(), stats.get("characters").getAsLong()));
        }
        b.append("## Training\n\n");
        b.append(String.format(Locale.ROOT, "Full training from random initialisation (normal(0, 0.02)%s), seed %d: AdamW (beta 0.9/0.999, eps 1e-8, "
                        + "weight decay %s), peak lr %s with %d warmup steps then cosine decay to 0, gradient-norm clip 1.0, %d steps of %d windows of "
                        + "%d tokens (whole documents packed into each window in a seeded shuffled order, separated by EOS, the rest of a window EOS "
                        + "padding; every real token a target).",
                s.inductionInit() ? ", except an induction circuit built into layers 0 and 1: a previous-token head, then a head "
                        + "matching on it that copies the next token (`InductionInit`), because a model this small on this budget never "
                        + "learns to copy from context by itself; every weight was then trained" : "",
                s.seed(), s.weightDecay(), s.lr(), s.warmup(), s.steps(), s.batch(), s.context()));
        if (sum != null) {
            b.append(String.format(Locale.ROOT, " Corpus: %,d tokens = %,d windows; the run saw %.2f epochs (%,d tokens).%n%n",
                    sum.get("corpusTokens").getAsLong(), sum.get("windows").getAsInt(), sum.get("epochs").getAsDouble(),
                    s.steps() * s.batch() * (long) s.context()));
            b.append(String.format(Locale.ROOT, "- final training loss (last step): **%.4f**%n", sum.get("finalLoss").getAsDouble()));
            b.append(String.format(Locale.ROOT, "- training time: **%.1f minutes** (wall clock, summed over resumes)%n",
                    sum.get("secondsTraining").getAsDouble() / 60));
            b.append("- machine: " + machine() + ", PyTorch threads (SEAL_THREADS): " + sum.get("threads").getAsString() + "\n");
            b.append("- loss curve: `train-log.jsonl` (step, loss, lr, tokens/s, elapsed seconds)\n\n");
        } else {
            b.append("\n\n(training not finished: no summary yet)\n\n");
        }
        List<Long> stretched = stretchedAt(dir.resolve(Pretrainer.LOG), s.warmup());
        b.append("Re-create it (same seed, same world, same weights up to floating-point nondeterminism of threaded kernels)");
        if (stretched.isEmpty()) {
            b.append(":\n\n```\n").append(command(s)).append("\n```\n\n");
        } else {
            // The run was resumed with more --steps: its schedule is the shorter one's up to each stretch, so re-creating it
            // takes the same sequence of commands, not one run of the final length.
            b.append("; it was trained longer by resuming with more `--steps`, so it takes the same sequence:\n\n```\n");
            b.append(command(s.withSteps(stretched.get(0)))).append('\n');
            for (int i = 1; i <= stretched.size(); i++) {
                long to = i < stretched.size() ? stretched.get(i) : s.steps();
                b.append(command(s.withSteps(to))).append(" --resume\n");
            }
            b.append("```\n\n");
        }
        b.append("## Measured: SEAL's knowledge incorporation on held-out passages\n\n");
        JsonObject eval = read(dir.resolve(EVAL));
        if (eval == null) {
            b.append("Not measured yet: run `seal pretrain-eval`.\n\n");
        } else {
            b.append(evalSection(eval));
        }
        Path notes = dir.resolve(NOTES);
        if (Files.exists(notes)) b.append("## Notes\n\n").append(Files.readString(notes, StandardCharsets.UTF_8).strip()).append("\n");
        Files.writeString(dir.resolve(FILE), b.toString(), StandardCharsets.UTF_8);
    }

    static String evalSection(JsonObject e) {
        StringBuilder b = new StringBuilder();
        JsonObject in = e.getAsJsonObject("innerLoop");
        JsonObject cfg = e.getAsJsonObject("config");
        int n = e.getAsJsonArray("passages").size();
        b.append(String.format(Locale.ROOT, "%d held-out validation passages (`%s`), each with its questions; macro accuracy = mean of "
                        + "per-passage accuracy, with a 95 %% Student-t confidence interval over passages. Grader: **contains the gold answer** "
                        + "(SQuAD-normalised gold found as whole words in the answer's first line; greedy answers of at most %d tokens); "
                        + "normalised exact match of the first line beside it, as a stricter check.%n%n",
                n, e.get("passagesFile").getAsString(), cfg.get("answerTokens").getAsInt()));
        b.append("| condition | macro accuracy (contains) | 95% CI | normalised exact match | 95% CI |\n|---|---|---|---|---|\n");
        for (int i = 0; i < e.getAsJsonArray("conditions").size(); i++) {
            JsonObject o = e.getAsJsonArray("conditions").get(i).getAsJsonObject();
            JsonObject x = e.getAsJsonArray("exactMatch").get(i).getAsJsonObject();
            b.append(String.format(Locale.ROOT, "| %s | **%.1f %%** | [%.1f, %.1f] | %.1f %% | [%.1f, %.1f] |%n", o.get("condition").getAsString(),
                    100 * o.get("mean").getAsDouble(), 100 * o.get("low").getAsDouble(), 100 * o.get("high").getAsDouble(),
                    100 * x.get("mean").getAsDouble(), 100 * x.get("low").getAsDouble(), 100 * x.get("high").getAsDouble()));
        }
        int repeats = cfg.has("repeats") ? Math.max(1, cfg.get("repeats").getAsInt()) : 1;
        if (e.has("pairedGain")) {
            JsonObject g = e.getAsJsonObject("pairedGain");
            b.append(String.format(Locale.ROOT, "%nPaired over the same passages and LoRA seeds, own self-edit − passage only: **%+.1f points** "
                    + "[%+.1f, %+.1f].%n", 100 * g.get("mean").getAsDouble(), 100 * g.get("low").getAsDouble(), 100 * g.get("high").getAsDouble()));
        }
        b.append(String.format(Locale.ROOT, "%nInner loop (SEAL.md's recipe with the `seal-tiny-cpu` preset): a fresh LoRA of rank %d, alpha %s on %s, "
                        + "AdamW lr %s, %d epochs, batch %d, %s schedule, no padding (loss on real tokens only); training sequences from "
                        + "SelfEditSequences (one per self-edit line or question-answer pair, title-prefixed, plus the passage). The self-edit is one "
                        + "sample per passage of SEAL's %s prompt (temperature %s, top-p %s, at most %d tokens), at most %d of its sequences kept; %s. Time per inner loop (fine-tune + answer the passage's questions), passage + self-edit: mean %.2f s, max %.2f s; "
                        + "the whole evaluation took %.1f minutes.%n%n",
                in.get("loraRank").getAsInt(), in.get("loraAlpha").getAsDouble(), new Gson().fromJson(in.get("targetModules"), Object.class),
                in.get("learningRate").getAsDouble(), in.get("epochs").getAsInt(), in.get("batchSize").getAsInt(), in.get("lrSchedule").getAsString(),
                cfg.has("template") ? cfg.get("template").getAsString() : PromptTemplates.IMPLICATIONS.key(),
                cfg.get("temperature").getAsDouble(), cfg.get("topP").getAsDouble(), cfg.get("selfEditTokens").getAsInt(), in.get("maxSequences").getAsInt(),
                repeats == 1 ? "the passage-only run of a passage uses the same LoRA seed"
                        : repeats + " inner loops per passage for passage only and for own self-edit, with fresh LoRA seeds shared by the two "
                        + "conditions, and a passage's accuracy is their mean (on seal-tiny one inner loop's accuracy moves by 9 to 15 points, sd, with the seed)",
                e.get("meanInnerLoopSeconds").getAsDouble(), e.get("maxInnerLoopSeconds").getAsDouble(), e.get("totalSeconds").getAsDouble() / 60));
        b.append("Every passage's self-edit and answers are in `eval-results.json`.\n\n");
        return b.toString();
    }

    /**
     * Steps after which the loss log's learning rate rises again past the warmup: where a finished run was resumed
     * with more --steps (the cosine schedule stretched). Empty for a run trained in one schedule.
     */
    static List<Long> stretchedAt(Path log, long warmup) throws IOException {
        List<Long> out = new java.util.ArrayList<>();
        if (!Files.exists(log)) return out;
        double prev = Double.NaN;
        long prevStep = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            long step = o.get("step").getAsLong();
            double lr = o.get("lr").getAsDouble();
            if (step > warmup + 1 && !Double.isNaN(prev) && lr > prev * 1.5 + 1e-12) out.add(prevStep);
            prev = lr;
            prevStep = step;
        }
        return out;
    }

    static String command(PretrainSettings s) {
        return String.format(Locale.ROOT, "./seal pretrain --out DIR --world-seed %d --entities %d --renderings %d --questions-per-fact %d "
                        + "--restatements-per-fact %d --self-edit-demos %d --readings %d --fresh-entities %d --vocab-size %d --layers %d --hidden %d --heads %d --kv-heads %d "
                        + "--intermediate %d --context %d --steps %d --batch %d --lr %s --warmup %d --weight-decay %s --seed %d --checkpoint-every %d"
                        + (s.validationShare() > 0 ? " --validation-share " + s.validationShare() : "")
                        + (s.corpus().copyDocs() > 0 ? " --copy-docs " + s.corpus().copyDocs() : "")
                        + (s.corpus().copyDrills() > 0 ? " --copy-drills " + s.corpus().copyDrills() : "")
                        + (s.corpus().selfQaShare() > 0 ? " --self-qa-share " + s.corpus().selfQaShare() : "")
                        + (s.preTokenizerKind() != PreTokenizer.BYTE_LEVEL ? " --pre-tokenizer " + s.preTokenizer() : "")
                        + (s.copyFirst() ? " --copy-first" : "")
                        + (s.ropeTheta() != PretrainSettings.DEFAULT_ROPE_THETA ? " --rope-theta " + (long) s.ropeTheta() : "")
                        + (s.inductionInit() ? " --induction-init" : ""),
                s.worldSeed(), s.entities(), s.corpus().renderings(), s.corpus().questionsPerFact(), s.corpus().restatementsPerFact(),
                s.corpus().selfEditDemos(), s.corpus().readings(), s.corpus().freshEntities(), s.vocabSize(), s.layers(), s.hidden(), s.heads(), s.kvHeads(), s.intermediate(), s.context(),
                s.steps(), s.batch(), s.lr(), s.warmup(), s.weightDecay(), s.seed(), s.checkpointEvery());
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the core count alone
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, CPU only";
    }

    private static JsonObject read(Path f) throws IOException {
        if (!Files.exists(f)) return null;
        try {
            return JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(f + ": unreadable JSON: " + e.getMessage(), e);
        }
    }
}
