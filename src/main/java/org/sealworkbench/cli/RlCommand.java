package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.util.Progress;
import org.sealworkbench.jobs.RlJob;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.seal.RewardNoise;
import org.sealworkbench.seal.SealSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rl", mixinStandardHelpOptions = true,
        description = {"ReST-EM rounds (SEAL's RL): per round fresh RL-train passages (after the validation passages), k "
                + "self-edits each, reward = mean adapted accuracy over repeats, the top-1 kept, SFT of the generator on "
                + "them, LoRA merged and saved as models/round-N/ in the workspace.",
                "Stop it any time (Ctrl-C); running the same command again resumes where it stopped."})
final class RlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "The starting model's checkpoint folder (default: the bundled seal-tiny).")
    Path model;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds (default: the preset's).")
    Integer rounds;

    @Option(names = "--passages-per-round", paramLabel = "P", description = "Fresh RL-train passages per round (default: the preset's).")
    Integer perRound;

    @Option(names = "--repeats", paramLabel = "R", description = "Inner loops per self-edit (default: the preset's).")
    Integer repeats;

    @Option(names = "--k", paramLabel = "K", description = "Self-edits per passage (default: the preset's).")
    Integer k;

    @Mixin
    SealOptions options;

    @Mixin
    AdapterBatchOption adapterBatch;

    @Mixin
    WorkersOption workers;

    /** The preset or settings file with this command's options applied. */
    SealSettings settings() {
        return options.overrides().rounds(rounds).passagesPerRound(perRound).rlK(k).rlRepeats(repeats).apply(options.base());
    }

    /** The flags as a request: everything the job needs to build itself. */
    RlRequest request() {
        return new RlRequest(workspace, model, settings(), options.split(), options.judge, adapterBatch.value(), workers.value());
    }

    @Override
    public Integer call() throws Exception {
        RlRequest request = request();
        int k = request.settings().rl().k();
        PrintWriter out = spec.commandLine().getOut();
        Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
        RlJob.Report report;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            report = new RlJob(request).run(bar, interrupt.token());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        for (RestEm.Round r : report.rounds()) {
            if (r.passages().isEmpty()) {
                out.printf(Locale.ROOT, "round %d: already done, model %s%n", r.round(), r.modelDir());
                continue;
            }
            long kept = r.kept().stream().filter(x -> x != null).count();
            out.printf(Locale.ROOT, "round %d%s: %d passages (ids %d..%d), baseline %.4f, mean reward %.4f, mean best reward %.4f, "
                            + "%d self-edits kept for SFT; model %s (model id %d, parent %d)%n", r.round(),
                    r.stored() ? " (already done, read from the workspace)" : "", r.passages().size(),
                    r.passages().get(0), r.passages().get(r.passages().size() - 1), r.meanBaseline(), r.meanReward(),
                    r.meanBestReward(), kept, r.modelDir(), r.modelOutId(), r.modelInId());
            if (r.noise() != null) {
                RewardNoise n = r.noise();
                out.printf(Locale.ROOT, "round %d reward noise: repeat 1 vs repeat 2 over %d self-edits, correlation %.2f, within passages "
                                + "%.2f; the same top-1 in %.0f %% of %d passages (chance %.0f %%); the reward (mean of %d repeats) ranks a "
                                + "passage's self-edits with reliability %.2f (Spearman-Brown; 1 = as a noise-free reward would)%n", r.round(),
                        n.selfEdits(), n.correlation(), n.withinPassage(), 100 * n.agreement(), n.passages(), 100.0 / k, n.repeats(),
                        n.reliability());
            }
        }
        out.println(SealOptions.timingLine(report.timing(), report.seconds())
                + (report.reused() > 0 ? "; " + report.reused() + " stored units reused" : ""));
        out.println("settings " + report.settingsPreset() + " [" + report.settingsDigest() + "] (round r's runs are stored under these "
                + "settings with rounds = r, so a later --rounds N+1 adds rows without splitting earlier ones); evaluate with: seal eval "
                + "--condition seal-round:N");
        out.flush();
        return 0;
    }
}
