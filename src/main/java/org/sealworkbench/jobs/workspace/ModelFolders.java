package org.sealworkbench.jobs.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sealworkbench.llm.io.Checkpoint;
import org.sealworkbench.llm.lora.AdapterLayout;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.model.ModelConfig;

/** The check a checkpoint folder passes before the window lists it as a model (Models > Open folder). */
public final class ModelFolders {
    private ModelFolders() {
    }

    /**
     * Why a folder is not a model checkpoint the engine can load, naming the file, or empty when it is one. The engine's
     * own checks, without reading the weights: config.json (a supported architecture whose shapes add up), the weight
     * files' headers against their sizes (a truncated download, an offset past the end), then tokenizer.json. Reads the
     * disk: call it off the FX thread.
     */
    public static Optional<String> problemWith(Path dir) {
        return problemWith(dir, null);
    }

    /**
     * As {@link #problemWith(Path)}; a PEFT LoRA adapter folder (adapter_config.json, no config.json) is checked against its
     * base model (its base_model_name_or_path when that is a checkpoint folder on this machine, else {@code chosenModel},
     * the picker's model) and either its inconsistency is named or it is said to be an adapter, with how to use it.
     */
    public static Optional<String> problemWith(Path dir, Path chosenModel) {
        if (!Files.isDirectory(dir)) return Optional.of(dir + ": not a folder");
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config) && Files.isRegularFile(dir.resolve(LoraConfig.CONFIG_FILE))) {
            return Optional.of(adapterProblem(dir, chosenModel));
        }
        if (!Files.isRegularFile(config)) return Optional.of(config + ": missing (a Hugging Face checkpoint folder has one)");
        try (Checkpoint c = Checkpoint.open(dir)) {
            // opened: its configs are valid and its weight files' headers agree with their sizes
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            return Optional.of(m.contains(dir.toString()) ? m : dir + ": " + m);
        }
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) return Optional.of(tokenizer + ": missing (SEAL needs the model's tokenizer)");
        return Optional.empty();
    }

    /** What the window says of an adapter folder opened as a model: its inconsistency, or what it is and how to use it. */
    static String adapterProblem(Path dir, Path chosenModel) {
        String lead = dir + " is a LoRA adapter (" + LoraConfig.CONFIG_FILE + "), not a model checkpoint";
        LoraConfig config;
        try {
            config = LoraConfig.read(dir);
        } catch (RuntimeException e) {
            return lead + ", and it cannot be read: " + e.getMessage();
        }
        Path base = null;
        String named = config.baseModelNameOrPath();
        if (named != null && !named.isBlank()) {
            try {
                Path p = dir.resolve(named);   // an absolute path stays as it is
                if (Files.isRegularFile(p.resolve("config.json"))) base = p.normalize();
            } catch (java.nio.file.InvalidPathException notAPath) {
                // a Hub id such as "org/model:rev"
            }
        }
        if (base == null) base = chosenModel;
        if (base == null) {
            return lead + ". Its base model (" + (named == null ? "not named in it" : named) + ") is not a folder here:"
                    + " choose the base model in the picker, then open the adapter again to check it";
        }
        List<AdapterLayout.Module> modules;
        try {
            modules = AdapterLayout.read(dir, AdapterLayout.projectionsOf(ModelConfig.read(base))).modules();
        } catch (RuntimeException e) {
            return lead + "; checked against " + base + ": " + e.getMessage();
        }
        return lead + ". It fits " + base + " (" + AdapterLayout.describe(modules.stream().map(AdapterLayout.Module::name).toList())
                + ", r " + config.r() + "), and its weights agree with its config. The window works with whole checkpoints;"
                + " use the adapter from the command line: seal generate --model " + base + " --adapter " + dir;
    }
}
