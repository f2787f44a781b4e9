package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.seal.RlSettings;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.arc.ArcRestEm;
import org.sealworkbench.store.ExperimentLog;

/**
 * A generator small enough for a test that writes real few-shot configs: the bundled seal-tiny (its BPE tokenizer keeps
 * SEAL's self-edit prompt near 700 tokens) with its context raised from 512 to 2048 tokens (RoPE: a config change, no
 * new weights), then fine-tuned briefly on (self-edit prompt -> config text) pairs so that sampling returns configs.
 * Tasks: tiny ones whose every output is one constant 1x1 grid, which a config without augmentation (no colour
 * permutation) can teach seal-tiny within a few dozen steps, and a config over SEAL's step cap cannot (it trains nothing).
 */
public final class ArcRlFixtures {
    private ArcRlFixtures() {
    }

    /** Trains nothing: 400 epochs x texts / 2 exceeds the 375-step cap. Rewarded never. */
    public static final String OVER_CAP = "{\"data_generation\":{\"use_basic_augmentations\":true,\"use_size_augmentations\":"
            + "false,\"use_chain_augmentations\":false,\"use_repeat_augmentations\":false},\"training\":{\"strategy\":"
            + "\"train_using_all_tokens\",\"learning_rate\":0.001,\"num_train_epochs\":400}}";
    /** No augmentation, the answer's tokens only, a high learning rate: learns a constant answer. */
    public static final String LEARNS = "{\"data_generation\":{\"use_basic_augmentations\":false,\"use_size_augmentations\":"
            + "false,\"use_chain_augmentations\":false,\"use_repeat_augmentations\":false},\"training\":{\"strategy\":"
            + "\"train_using_output_tokens\",\"learning_rate\":0.01,\"num_train_epochs\":8}}";

    /** seal-tiny with a 2048-token context, in {@code dir}. */
    public static Path longContextTiny(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path src = Path.of("assets/models/seal-tiny");
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "special_tokens_map.json", "generation_config.json")) {
            if (Files.exists(src.resolve(f))) {
                Files.copy(src.resolve(f), dir.resolve(f));
            }
        }
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject();
        o.addProperty("max_position_embeddings", 2048);
        Files.writeString(dir.resolve("config.json"), o.toString());
        return dir;
    }

    /** A challenges file and its solutions: each task maps every 1x1 input to one colour. */
    public static Path constantTasks(Path dir, Map<String, Integer> colours) throws IOException {
        Files.createDirectories(dir);
        StringBuilder ch = new StringBuilder("{");
        StringBuilder so = new StringBuilder("{");
        for (Map.Entry<String, Integer> e : colours.entrySet()) {
            int c = e.getValue();
            if (ch.length() > 1) {
                ch.append(',');
                so.append(',');
            }
            ch.append('"').append(e.getKey()).append("\": {\"train\": [");
            int[] inputs = {2, 3, 4};
            for (int i = 0; i < inputs.length; i++) {
                ch.append(i > 0 ? "," : "").append("{\"input\": [[").append(inputs[i]).append("]], \"output\": [[").append(c)
                        .append("]]}");
            }
            ch.append("], \"test\": [{\"input\": [[5]]}]}");
            so.append('"').append(e.getKey()).append("\": [[[").append(c).append("]]]");
        }
        Path challenges = dir.resolve("tiny_challenges.json");
        Files.writeString(challenges, ch.append('}').toString());
        Files.writeString(dir.resolve("tiny_solutions.json"), so.append('}').toString());
        return challenges;
    }

    /**
     * The model at {@code from} fine-tuned (LoRA merged) on each task's self-edit prompt -> each of {@code configs},
     * saved at {@code to}: a generator whose samples are these configs (and now and then a broken one, drawn again).
     */
    public static Path teachConfigs(Path from, Path to, List<ArcTask> tasks, List<String> configs, int epochs) {
        Map<String, ArcTask> byName = new LinkedHashMap<>();
        tasks.forEach(t -> byName.put(t.name(), t));
        List<ArcRestEm.Pair> pairs = new ArrayList<>();
        for (ArcTask t : tasks) {
            for (int i = 0; i < configs.size(); i++) {
                pairs.add(new ArcRestEm.Pair(t.name(), i, configs.get(i), null, "", true));
            }
        }
        try (ExperimentLog log = ExperimentLog.open(to.resolveSibling("teach-ws"));
                SealModel m = SealModel.open(from, log, ComputeDevice.CPU)) {
            var set = ArcRestEm.sftSet(m, byName, pairs);
            RestEm.sftAndMerge(m, set.examples(), new RlSettings.Sft(32, 64, List.of("q_proj", "k_proj", "v_proj", "o_proj",
                    "gate_proj", "up_proj", "down_proj"), 3e-3, epochs, 1, true, true), LrSchedule.Kind.LINEAR, 1, "teach",
                    () -> false);
            FineTune.saveModel(m.model(), from, to);
        }
        return to;
    }
}
