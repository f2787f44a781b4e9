package org.sealworkbench.jobs.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sealworkbench.llm.io.Checkpoint;

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
        if (!Files.isDirectory(dir)) return Optional.of(dir + ": not a folder");
        Path config = dir.resolve("config.json");
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
}
