package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import picocli.CommandLine;

/**
 * The canonical settings JSON and its digest, for each preset and for settings the command line builds from options,
 * against snapshots written by the code before settings were built from parts (issue 13). A digest is what keeps a
 * workspace's report rows apart, so the same settings must give the same bytes forever: existing workspaces keep
 * their rows. To add a case, run once with {@code -Dsnapshot.write=DIR} (DIR = src/test/resources/settings-snapshots)
 * and commit the files; never rewrite an existing one.
 */
class SettingsSnapshotTest {
    private static final String DIR = "/settings-snapshots/";

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static SealSettings eval(String... args) {
        return parse(new EvalCommand(), args).options.settings();
    }

    private static SealSettings rl(String... args) {
        return parse(new RlCommand(), args).settings();
    }

    /** The generation settings of `seal self-edits` in the preset's snapshot, so that they go through the same JSON. */
    private static SealSettings selfEdits(String... args) {
        SelfEditsCommand c = parse(new SelfEditsCommand(), args);
        SealSettings s = c.options.settings();
        return new SealSettings(s.preset(), c.generation(), s.innerLoop(), s.eval(), s.rl());
    }

    /** The inner loop of `seal pretrain-eval` / `world-probe` options in the seal-tiny-cpu snapshot. */
    private static SealSettings worldEval(String... args) {
        PretrainEvalCommand c = parse(new PretrainEvalCommand(), args);
        SealSettings s = Presets.sealTinyCpu();
        return new SealSettings(s.preset(), s.generation(), c.options.settings(), s.eval(), s.rl());
    }

    static Map<String, Supplier<SealSettings>> cases() {
        Map<String, Supplier<SealSettings>> m = new LinkedHashMap<>();
        m.put("preset-reference", Presets::reference);
        m.put("preset-seal-tiny-cpu", Presets::sealTinyCpu);
        m.put("eval-default", () -> eval("--workspace", "w", "--condition", "passage-only"));
        m.put("eval-tiny-inner-repeats-1", () -> eval("--workspace", "w", "--condition", "passage-only", "--preset", "seal-tiny-cpu",
                "--inner-repeats", "1"));
        m.put("eval-reference-grader-contains", () -> eval("--workspace", "w", "--condition", "passage-only", "--grader", "contains"));
        m.put("eval-tiny-grader-f1", () -> eval("--workspace", "w", "--condition", "passage-only", "--preset", "seal-tiny-cpu",
                "--grader", "f1@0.5", "--inner-repeats", "2"));
        m.put("rl-readme", () -> rl("--workspace", "w", "--rounds", "2", "--passages-per-round", "12", "--repeats", "2", "--preset",
                "seal-tiny-cpu"));
        m.put("rl-all-options", () -> rl("--workspace", "w", "--rounds", "3", "--passages-per-round", "7", "--repeats", "1", "--k", "4",
                "--preset", "seal-tiny-cpu", "--grader", "exact_match", "--inner-repeats", "2"));
        m.put("rl-reference-k", () -> rl("--workspace", "w", "--k", "3", "--grader", "contains"));
        m.put("self-edits-options", () -> selfEdits("--workspace", "w", "--preset", "seal-tiny-cpu", "--template", "self-qa", "--k", "3",
                "--max-tokens", "100"));
        m.put("world-eval-options", () -> worldEval("--model", "m", "--passages", "p.json", "--rank", "4", "--alpha", "8", "--targets", "q_proj,v_proj",
                "--lr", "0.01", "--epochs", "3", "--batch", "2", "--max-sequences", "9"));
        m.put("world-eval-default", () -> worldEval("--model", "m", "--passages", "p.json"));
        return m;
    }

    @TestFactory
    Iterable<DynamicTest> canonicalJsonAndDigestAreThoseOfTheSnapshot() {
        String write = System.getProperty("snapshot.write");
        return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            SealSettings s = e.getValue().get();
            String json = s.toJson();
            if (write != null) {
                Files.writeString(Path.of(write, e.getKey() + ".json"), json + "\n", StandardCharsets.UTF_8);
                Files.writeString(Path.of(write, e.getKey() + ".digest"), s.digest() + "\n", StandardCharsets.UTF_8);
            }
            assertEquals(resource(e.getKey() + ".json"), json, e.getKey() + ": canonical JSON changed");
            assertEquals(resource(e.getKey() + ".digest"), s.digest(), e.getKey() + ": digest changed");
            assertEquals(s, SealSettings.fromJson(json), e.getKey() + ": the snapshot reads back as the same settings");
        })).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SettingsSnapshotTest.class.getResourceAsStream(DIR + name)) {
            assertNotNull(in, "missing snapshot " + DIR + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
