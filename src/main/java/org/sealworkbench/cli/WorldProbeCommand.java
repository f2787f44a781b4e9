package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.seal.ContainsGrader;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.pretrain.PretrainSettings;
import org.sealworkbench.seal.pretrain.WorldEval;
import org.sealworkbench.seal.pretrain.WorldProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "world-probe", mixinStandardHelpOptions = true,
        description = "Find where a world model (seal-tiny) loses SEAL's effect: the inner loop on oracle texts written "
                + "from the world's facts (restatements with the full name, the passage's explicit-name sentences, the "
                + "gold QA pairs) beside the passage alone and the model's own self-edit, plus how many gold answers "
                + "its self-edit contains. The world is the one in the model folder's pretrain-settings.json.")
final class WorldProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "A `seal pretrain` folder (default: the bundled seal-tiny).")
    Path modelDir;

    @Option(names = "--passages", paramLabel = "N", description = "Validation entities to probe (default: ${DEFAULT-VALUE}).")
    int passages = 20;

    @Mixin
    WorldEvalOptions options;

    @Override
    public Integer call() {
        Devices.applyThreads();
        PretrainSettings ps = PretrainSettings.read(modelDir);
        if (ps == null) throw new IllegalArgumentException(modelDir + ": no " + PretrainSettings.FILE + " (not a `seal pretrain` folder)");
        World world = WorldGenerator.generate(ps.worldSpec());
        WorldEval.Config cfg = options.config(24, 1);
        InnerLoopSettings inner = cfg.inner();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        List<double[]> results;
        try (LlamaModel model = LlamaModel.load(modelDir, Devices.pick()); Tokenizer tok = Tokenizer.load(modelDir)) {
            ContainsGrader grader = new ContainsGrader();
            WorldEval eval = new WorldEval(model, tok, grader, cfg);
            int[] done = {0};
            results = new WorldProbe(world, eval, grader).run(passages, options.seed, m -> {
                err.printf(Locale.ROOT, "%d/%d%n", ++done[0], passages);
                err.flush();
            });
        }
        out.printf(Locale.ROOT, "%d validation entities, inner loop lr %s, %d epochs, grader contains; %.0f s%n", results.size(),
                inner.learningRate(), inner.epochs(), (System.nanoTime() - t0) / 1e9);
        out.println("| measure | mean | 95% CI |");
        out.println("|---|---|---|");
        for (WorldProbe.Row r : WorldProbe.summarise(results)) {
            out.printf(Locale.ROOT, "| %s | %.1f %% | [%.1f, %.1f] |%n", r.measure(), 100 * r.mean(), 100 * r.low(), 100 * r.high());
        }
        out.flush();
        return 0;
    }
}
