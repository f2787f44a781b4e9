package org.sealworkbench.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.data.DataReader;
import org.sealworkbench.data.DataVisitor;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.GeneratedSelfEdits;
import org.sealworkbench.data.Passage;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.seal.ContainsGrader;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.pretrain.EvalReport;
import org.sealworkbench.seal.pretrain.ModelCard;
import org.sealworkbench.seal.pretrain.PretrainSettings;
import org.sealworkbench.seal.pretrain.WorldEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "pretrain-eval", mixinStandardHelpOptions = true,
        description = "Measure a pretrained world model (seal-tiny) on held-out passages under SEAL's four conditions: "
                + "closed-book, passage in context, inner loop on the passage only, inner loop on passage + own "
                + "self-edit. Macro accuracy with 95%% confidence intervals, graded by 'contains the gold answer'; "
                + "writes eval-results.json.")
final class PretrainEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "Model folder (Hugging Face layout) (default: the bundled seal-tiny).")
    Path modelDir;

    @Option(names = "--passages", required = true, paramLabel = "FILE", description = "Held-out passages, SEAL JSON.")
    Path passagesFile;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N passages (default: all).")
    Integer limit;

    @Option(names = "--out", paramLabel = "FILE", description = "Results JSON (default: MODEL/eval-results.json).")
    Path out;

    @Option(names = "--repeats", paramLabel = "R", description = "Inner loops (fresh LoRA seeds, the same self-edit) per passage for "
            + "passage only and own self-edit; a passage's accuracy is their mean (default: the seal-tiny-cpu preset's, 3).")
    Integer repeats;

    @Mixin
    WorldEvalOptions options;

    @Override
    public Integer call() throws IOException {
        Devices.applyThreads();
        List<Passage> passages = readPassages(passagesFile);
        if (limit != null) passages = passages.subList(0, Math.min(limit, passages.size()));
        if (repeats != null && repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1, not " + repeats);
        WorldEval.Config cfg = options.config(24, repeats != null ? repeats : Presets.sealTinyCpu().innerLoop().repeats());
        InnerLoopSettings inner = cfg.inner();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        List<WorldEval.PassageResult> results;
        try (LlamaModel model = LlamaModel.load(modelDir, Devices.pick()); Tokenizer tok = Tokenizer.load(modelDir)) {
            WorldEval eval = new WorldEval(model, tok, new ContainsGrader(), cfg);
            int[] done = {0};
            int total = passages.size();
            results = eval.run(passages, r -> {
                done[0]++;
                err.printf(Locale.ROOT, "%d/%d %s: %s (inner loop %.2f s, slowest %.2f s)%n", done[0], total, r.title(),
                        java.util.Arrays.toString(r.accuracy()), r.innerLoopSeconds(), r.maxInnerLoopSeconds());
                err.flush();
            });
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        EvalReport report = EvalReport.of(passagesFile.getFileName().toString(), inner, cfg, results, seconds);
        Path file = out != null ? out : modelDir.resolve("eval-results.json");
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(report) + "\n", StandardCharsets.UTF_8);
        o.print(report.markdownTable());
        o.printf(Locale.ROOT, "inner loop (fine-tune + answer), passage + self-edit: mean %.2f s, max %.2f s; total %.0f s%n",
                report.meanInnerLoopSeconds(), report.maxInnerLoopSeconds(), seconds);
        o.printf("Wrote %s%n", file);
        if (out == null && Files.exists(modelDir.resolve(PretrainSettings.FILE))) {
            ModelCard.write(modelDir);
            o.printf("Updated %s%n", modelDir.resolve(ModelCard.FILE));
        }
        o.flush();
        return 0;
    }

    static List<Passage> readPassages(Path file) throws IOException {
        List<Passage> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            DataReader.read(in, file.toString(), Format.SEAL_JSON, new DataVisitor() {
                @Override
                public void passage(Passage passage) {
                    out.add(passage);
                }

                @Override
                public void selfEdits(GeneratedSelfEdits edits) {
                    out.add(edits.passage());
                }
            });
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": no passages");
        return out;
    }
}
