package org.sealworkbench.cli;

import java.util.List;
import org.sealworkbench.seal.GenerationSettings;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.seal.pretrain.WorldEval;
import org.sealworkbench.seal.PromptTemplates;
import picocli.CommandLine.Option;

/**
 * Overrides of the seal-tiny-cpu preset's inner-loop knobs and self-edit sampling, and the seed, shared by the world
 * model's measuring commands (pretrain-eval, world-probe).
 */
final class WorldEvalOptions {
    @Option(names = "--rank", paramLabel = "R", description = "LoRA rank (default: the seal-tiny-cpu preset's).")
    Integer rank;

    @Option(names = "--alpha", paramLabel = "A", description = "LoRA alpha (default: the preset's).")
    Double alpha;

    @Option(names = "--targets", split = ",", paramLabel = "M", description = "LoRA target modules (default: the preset's).")
    List<String> targets;

    @Option(names = "--lr", paramLabel = "X", description = "Inner-loop learning rate (default: the preset's).")
    Double lr;

    @Option(names = "--epochs", paramLabel = "N", description = "Inner-loop epochs (default: the preset's).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Inner-loop batch size (default: the preset's).")
    Integer batch;

    @Option(names = "--max-sequences", paramLabel = "N", description = "Most training sequences per inner loop (default: the preset's).")
    Integer maxSequences;

    @Option(names = "--template", paramLabel = "NAME", description = "SEAL prompt template of the self-edit (default: the preset's).")
    String template;

    @Option(names = "--temperature", paramLabel = "T", description = "Self-edit sampling temperature, 0 = greedy (default: the preset's).")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "Self-edit nucleus sampling top-p (default: the preset's).")
    Double topP;

    @Option(names = "--self-edit-tokens", paramLabel = "N", description = "Most tokens of a self-edit (default: the preset's).")
    Integer selfEditTokens;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    /**
     * The measuring configuration: these options over the preset, answers of at most {@code answerTokens}, {@code repeats}
     * inner loops per passage and adapted condition.
     */
    WorldEval.Config config(int answerTokens, int repeats) {
        GenerationSettings g = Presets.sealTinyCpu().generation();
        return new WorldEval.Config(settings(), answerTokens, selfEditTokens != null ? selfEditTokens : g.maxTokens(),
                temperature != null ? temperature : g.temperature(), topP != null ? topP : g.topP(), seed,
                template != null ? PromptTemplates.byKey(template) : g.template(), repeats);
    }

    /** The seal-tiny-cpu preset's inner loop with the given options in place of its values. */
    InnerLoopSettings settings() {
        return new SettingsOverrides().loraRank(rank).loraAlpha(alpha).targetModules(targets).learningRate(lr).epochs(epochs)
                .batchSize(batch).maxSequences(maxSequences).apply(Presets.sealTinyCpu()).innerLoop();
    }
}
