package org.sealworkbench.seal.arc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A few-shot self-edit: the test-time-training configuration a model writes for an ARC task, as SEAL's prompt asks
 * for it ({@link #PROMPT}): four data-augmentation switches, a loss strategy, a learning rate and an epoch count.
 *
 * <p>How SEAL treats what the model writes, and so how {@link #parse} does:
 * <ol>
 *   <li>The whole completion must be one JSON object (SEAL: {@code json.loads} of the text); otherwise it is not a
 *       config, and SEAL samples again ({@link Parsed#config()} is empty, {@link Parsed#problem()} says why).</li>
 *   <li>It needs a "data_generation" object and a "training" object (SEAL reads both to deduplicate configs).</li>
 *   <li>A missing or non-boolean switch: SEAL falls back to no augmentation and no training (epochs 0).</li>
 *   <li>A missing strategy, learning rate or epoch count, or a strategy other than the two: no training (epochs 0),
 *       the data still augmented as the switches say.</li>
 * </ol>
 * Such a config is kept (its reward is that of the untrained model) and its {@link #remarks()} say what was
 * wrong. Numbers are read as JSON numbers; a learning rate written as a string counts as missing.
 */
public record TttConfig(boolean basic, boolean size, boolean chain, boolean repeat, Strategy strategy,
        double learningRate, int epochs, List<String> remarks) {

    /** SEAL's loss strategies: every token, or the answer's tokens only. */
    public enum Strategy {
        ALL_TOKENS("train_using_all_tokens"), OUTPUT_TOKENS("train_using_output_tokens");

        public final String json;

        Strategy(String json) {
            this.json = json;
        }

        static Optional<Strategy> of(String json) {
            for (Strategy s : values()) {
                if (s.json.equals(json)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** SEAL's self-edit instruction for the few-shot setting, after the task's examples. */
    public static final String PROMPT = """
            You are configuring a model training pipeline by selecting from predefined tools.

            You must make two decisions:

            1. **Data Generation Tools** — For each of the following, choose true or false:
                - use_basic_augmentations
                - use_size_augmentations
                - use_chain_augmentations
                - use_repeat_augmentations

            2. **Training Configuration** — Choose one of:
                - "train_using_all_tokens"
                - "train_using_output_tokens"

            Also specify:
                - learning_rate (float)
                - num_train_epochs (integer)

            ### Output Format

            Respond with a valid JSON object. Do not include any explanation, markdown, or extra text. Use lowercase \
            `true`/`false` for booleans and ensure correct JSON syntax.

            Example output:

            {
              "data_generation": {
                "use_basic_augmentations": ...,
                "use_size_augmentations": ...,
                "use_chain_augmentations": ...,
                "use_repeat_augmentations": ...
              },
              "training": {
                "strategy": ...,
                "learning_rate": ...,
                "num_train_epochs": ...
              }
            }
            """;

    public TttConfig {
        remarks = List.copyOf(remarks);
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be 0 or more, not " + epochs);
        }
    }

    /** A config as a person would write it (no remarks). */
    public static TttConfig of(boolean basic, boolean size, boolean chain, boolean repeat, Strategy strategy,
            double learningRate, int epochs) {
        return new TttConfig(basic, size, chain, repeat, strategy, learningRate, epochs, List.of());
    }

    /** The outcome of reading a completion: a config (maybe with remarks), or the reason there is none. */
    public record Parsed(Optional<TttConfig> config, String problem) {
    }

    /** Reads a model's completion as SEAL does (see the class comment). */
    public static Parsed parse(String completion) {
        JsonElement root;
        try {
            JsonReader r = new JsonReader(new StringReader(completion));
            r.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(r);
            if (r.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                return new Parsed(Optional.empty(), "text after the JSON object");
            }
        } catch (JsonSyntaxException | java.io.IOException | com.google.gson.JsonIOException
                | IllegalStateException e) {
            return new Parsed(Optional.empty(), "not one JSON object");
        }
        if (!root.isJsonObject()) {
            return new Parsed(Optional.empty(), "not a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        if (!(o.get("data_generation") instanceof JsonObject gen)) {
            return new Parsed(Optional.empty(), "no \"data_generation\" object");
        }
        if (!(o.get("training") instanceof JsonObject tr)) {
            return new Parsed(Optional.empty(), "no \"training\" object");
        }
        List<String> remarks = new ArrayList<>();
        Boolean basic = bool(gen, "use_basic_augmentations");
        Boolean size = bool(gen, "use_size_augmentations");
        Boolean chain = bool(gen, "use_chain_augmentations");
        Boolean repeat = bool(gen, "use_repeat_augmentations");
        boolean switchesOk = basic != null && size != null && chain != null && repeat != null;
        if (!switchesOk) {
            remarks.add("a data-generation switch is missing or not true/false: no augmentation, no training");
        }
        Strategy strategy = tr.get("strategy") instanceof JsonPrimitive p && p.isString()
                ? Strategy.of(p.getAsString()).orElse(null) : null;
        Double lr = tr.get("learning_rate") instanceof JsonPrimitive p && p.isNumber() ? p.getAsDouble() : null;
        Integer epochs = integer(tr, "num_train_epochs");
        boolean trainingOk = strategy != null && lr != null && epochs != null && epochs >= 0 && lr >= 0
                && Double.isFinite(lr);
        if (!trainingOk) {
            remarks.add("the training strategy, learning rate or epoch count is missing or invalid: no training");
        }
        boolean train = switchesOk && trainingOk;
        return new Parsed(Optional.of(new TttConfig(switchesOk && basic, switchesOk && size, switchesOk && chain,
                switchesOk && repeat, strategy == null ? Strategy.ALL_TOKENS : strategy,
                lr == null || !trainingOk ? 0 : lr, train ? epochs : 0, remarks)), "");
    }

    private static Boolean bool(JsonObject o, String key) {
        return o.get(key) instanceof JsonPrimitive p && p.isBoolean() ? p.getAsBoolean() : null;
    }

    private static Integer integer(JsonObject o, String key) {
        if (o.get(key) instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && Math.abs(d) < 1e6) {
                return (int) d;
            }
        }
        return null;
    }

    /** Whether this config trains at all (SEAL trains nothing at 0 epochs). */
    public boolean trains() {
        return epochs > 0;
    }

    /** The config as SEAL's JSON, as a model would write it. */
    public String toJson() {
        return String.format(Locale.ROOT, """
                {"data_generation": {"use_basic_augmentations": %s, "use_size_augmentations": %s, \
                "use_chain_augmentations": %s, "use_repeat_augmentations": %s}, \
                "training": {"strategy": "%s", "learning_rate": %s, "num_train_epochs": %d}}""",
                basic, size, chain, repeat, strategy.json, Double.toString(learningRate), epochs);
    }

    /** A short form for tables: the switches as letters (b s c r), the strategy, lr and epochs. */
    public String shortForm() {
        String aug = (basic ? "b" : "") + (size ? "s" : "") + (chain ? "c" : "") + (repeat ? "r" : "");
        return String.format(Locale.ROOT, "aug %s · %s · lr %s · %d ep", aug.isEmpty() ? "none" : aug,
                strategy == Strategy.ALL_TOKENS ? "all tokens" : "output tokens", Double.toString(learningRate),
                epochs);
    }
}
