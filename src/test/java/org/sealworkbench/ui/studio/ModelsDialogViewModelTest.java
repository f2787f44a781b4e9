package org.sealworkbench.ui.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.workspace.ModelInfo;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.ui.Background;

/** The Models dialog's state without a screen (no workspace: Use/Open only touch the list and the checks). */
class ModelsDialogViewModelTest {
    @TempDir Path tmp;
    private final List<String> errors = new ArrayList<>();

    private ModelsViewModel picker() {
        return new ModelsViewModel(() -> null, Background.DIRECT, null, (t, e) -> errors.add(t + " | " + e.getMessage()));
    }

    @Test
    void detailsShowTheLoadedModelsFactsAndTheLineageOfAVersion() {
        ModelsViewModel picker = picker();
        Path tiny = tmp.resolve("seal-tiny"), round = tmp.resolve("round-1");
        ModelItem bundled = new ModelItem(null, "seal-tiny", tiny, "qwen2", "seal-tiny");
        ModelItem version = new ModelItem(7L, "round-1", round, "qwen2", "seal-tiny -> round-1");
        picker.models().setAll(bundled, version);
        ModelInfo info = new ModelInfo(1, "seal-tiny", tiny, "qwen2", 3_400_000, "float32", "cpu()", 13_600_000);
        ModelsDialogViewModel vm = new ModelsDialogViewModel(picker, () -> Optional.of(info));

        assertEquals(bundled, vm.chosenProperty().get(), "the first model is chosen when the picker has none");
        String d = vm.detailsProperty().get();
        assertTrue(d.contains("Family: qwen2") && d.contains("Parameters: 3,400,000") && d.contains("Dtype: float32")
                && d.contains("Device: cpu()") && d.contains("Weight memory: 13,600,000 bytes"), d);

        vm.chosenProperty().set(version);
        d = vm.detailsProperty().get();
        assertTrue(d.contains("Lineage: seal-tiny -> round-1"), d);
        assertTrue(d.contains("Not loaded"), "another model's facts are not shown for this one: " + d);

        vm.use();
        assertEquals(version, picker.selectedProperty().get(), "Use makes it the picker's model");
        assertEquals(List.of(), errors);
    }

    @Test
    void aBadFolderIsAnErrorNamingTheFileAndIsNotAdded() throws Exception {
        ModelsViewModel picker = picker();
        ModelsDialogViewModel vm = new ModelsDialogViewModel(picker, Optional::empty);
        Path empty = Files.createDirectories(tmp.resolve("not-a-model"));
        vm.openFolder(empty);
        assertEquals(List.of("Not a model folder: " + empty + " | " + empty.resolve("config.json")
                + ": missing (a Hugging Face checkpoint folder has one)"), errors);
        assertEquals(List.of(), picker.models());

        Files.writeString(empty.resolve("config.json"), "{\"model_type\": \"qwen2\"}");
        assertEquals(Optional.of(empty.resolve("config.json") + ": required field \"hidden_size\" is missing"),
                ModelsDialogViewModel.problemWith(empty));
        Files.writeString(empty.resolve("config.json"), "[1, 2");
        assertTrue(ModelsDialogViewModel.problemWith(empty).orElseThrow().startsWith(empty.resolve("config.json") + ": malformed JSON"),
                ModelsDialogViewModel.problemWith(empty).orElseThrow());
        assertEquals(Optional.empty(), ModelsDialogViewModel.problemWith(Path.of("assets/models/seal-tiny")),
                "the bundled model passes");
    }

    /**
     * The toolbar's Folder… checks the folder as the dialog does: a folder that is no checkpoint is an error naming the
     * file and does not join the picker (it was added, chosen and left there after its load failed).
     */
    @Test
    void theToolbarsFolderIsCheckedBeforeItJoinsThePicker() throws Exception {
        ModelsViewModel picker = picker();
        ModelItem bundled = new ModelItem(null, "seal-tiny", Path.of("assets/models/seal-tiny"), "llama", "seal-tiny");
        picker.models().setAll(bundled);
        picker.selectedProperty().set(bundled);
        Path notAModel = Files.createDirectories(tmp.resolve("photos"));
        boolean[] added = {false};
        picker.openFolder(notAModel, () -> added[0] = true);
        assertEquals(List.of("Not a model folder: " + notAModel + " | " + notAModel.resolve("config.json")
                + ": missing (a Hugging Face checkpoint folder has one)"), errors);
        assertEquals(List.of(bundled), picker.models(), "not added");
        assertEquals(bundled, picker.selectedProperty().get(), "the chosen model stays");
        assertTrue(!added[0]);
    }

    /** A copy of the bundled model's loadable files, to break one at a time. */
    private Path tinyCopy(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : List.of("config.json", "generation_config.json", "model.safetensors", "special_tokens_map.json",
                "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(Path.of("assets/models/seal-tiny").resolve(f), dir.resolve(f));
        }
        return dir;
    }

    /**
     * Open folder ran a shallow check (config.json with a model_type, some *.safetensors): a truncated download, a
     * config the engine cannot run and a missing tokenizer were added to the list and failed only at Use, and a
     * malformed config.json read "not a JSON object: java.io.EOFException: End of input at line 2 column 1 path
     * $.hidden_size". Now the engine's own checks run first, in its words, and the folder is not added.
     */
    @Test
    void openFolderRefusesWhatTheEngineCannotLoadInItsOwnWords() throws Exception {
        assertEquals(Optional.empty(), ModelsDialogViewModel.problemWith(tinyCopy("good")), "an intact copy passes");

        Path cut = tinyCopy("cut");
        Path weights = cut.resolve("model.safetensors");
        try (var ch = java.nio.channels.FileChannel.open(weights, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(weights) / 2);
        }
        String p = ModelsDialogViewModel.problemWith(cut).orElseThrow();
        assertTrue(p.startsWith(weights.toString()) && p.contains("truncated?"), p);

        Path malformed = tinyCopy("malformed");
        Files.writeString(malformed.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": \n");
        p = ModelsDialogViewModel.problemWith(malformed).orElseThrow();
        assertTrue(p.startsWith(malformed.resolve("config.json") + ": malformed JSON: truncated"), p);
        assertTrue(!p.contains("Exception") && !p.contains("java."), "no Java exception in what the user reads: " + p);

        Path gpt2 = tinyCopy("gpt2");
        Files.writeString(gpt2.resolve("config.json"), Files.readString(gpt2.resolve("config.json"))
                .replace("\"model_type\": \"llama\"", "\"model_type\": \"gpt2\""));
        p = ModelsDialogViewModel.problemWith(gpt2).orElseThrow();
        assertTrue(p.startsWith(gpt2.resolve("config.json") + ": model_type \"gpt2\" is not supported"), p);

        Path noTokenizer = tinyCopy("no-tokenizer");
        Files.delete(noTokenizer.resolve("tokenizer.json"));
        assertEquals(Optional.of(noTokenizer.resolve("tokenizer.json") + ": missing (SEAL needs the model's tokenizer)"),
                ModelsDialogViewModel.problemWith(noTokenizer));

        ModelsViewModel picker = picker();
        ModelsDialogViewModel vm = new ModelsDialogViewModel(picker, Optional::empty);
        vm.openFolder(cut);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("Not a model folder: " + cut + " | " + weights), errors.get(0));
        assertEquals(List.of(), picker.models(), "a folder the engine cannot load is not added to the list");
    }

    /** A PEFT folder over seal-tiny (4 layers, hidden 256): q_proj and {@code second} in every layer, rank 4. */
    private Path adapterFolder(String name, String targets, String second, String base) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\": \"LORA\", \"r\": 4, \"lora_alpha\": 8, "
                + "\"target_modules\": " + targets + ", \"bias\": \"none\", \"base_model_name_or_path\": " + base + "}");
        java.util.Map<String, org.sealworkbench.llm.io.FloatTensor> w = new java.util.LinkedHashMap<>();
        for (int layer = 0; layer < 4; layer++) {
            for (String proj : List.of("q_proj", second)) {
                String prefix = "base_model.model.model.layers." + layer + ".self_attn." + proj + ".";
                int out = proj.equals("q_proj") ? 256 : 128;
                w.put(prefix + "lora_A.weight", new org.sealworkbench.llm.io.FloatTensor(new long[] {4, 256}, new float[4 * 256]));
                w.put(prefix + "lora_B.weight", new org.sealworkbench.llm.io.FloatTensor(new long[] {out, 4}, new float[out * 4]));
            }
        }
        org.sealworkbench.llm.io.SafeTensorsWriter.write(dir.resolve("adapter_model.safetensors"), w, java.util.Map.of(), "F32");
        return dir;
    }

    /**
     * The window opens no adapter itself; a LoRA adapter folder opened with Models > Open folder said only "config.json:
     * missing". Now it is checked against the picker's model (its base_model_name_or_path, a Hub id here, is no folder):
     * an adapter whose target_modules disagree with its weights is an error saying so, a consistent one is said to be an
     * adapter with the command that uses it; neither joins the picker.
     */
    @Test
    void anAdapterFolderIsCheckedAgainstThePickersModel() throws Exception {
        ModelsViewModel picker = picker();
        Path tiny = Path.of("assets/models/seal-tiny");
        ModelItem bundled = new ModelItem(null, "seal-tiny", tiny, "llama", "seal-tiny");
        picker.models().setAll(bundled);
        picker.selectedProperty().set(bundled);

        Path bad = adapterFolder("bad-adapter", "[\"q_proj\", \"v_proj\"]", "k_proj", "\"org/some-model\"");
        picker.openFolder(bad, () -> { });
        assertEquals(List.of("Not a model folder: " + bad + " | " + bad + " is a LoRA adapter (adapter_config.json), not a"
                + " model checkpoint; checked against " + tiny + ": " + bad.resolve("adapter_config.json") + " names"
                + " target_modules [q_proj, v_proj] but adapter_model.safetensors holds weights for k_proj (layers 0-3), which"
                + " they do not name and holds no weights for v_proj (layers 0-3): the adapter is inconsistent (its config and"
                + " its weights are of different adapters, or the file was cut or edited)"), errors);

        errors.clear();
        Path good = adapterFolder("good-adapter", "[\"q_proj\", \"v_proj\"]", "v_proj", "\"org/some-model\"");
        picker.openFolder(good, () -> { });
        assertEquals(List.of("Not a model folder: " + good + " | " + good + " is a LoRA adapter (adapter_config.json), not"
                + " a model checkpoint. It fits " + tiny + " (q_proj, v_proj (layers 0-3), r 4), and its weights agree with"
                + " its config. The window works with whole checkpoints; use the adapter from the command line: seal generate"
                + " --model " + tiny + " --adapter " + good), errors);
        assertEquals(List.of(bundled), picker.models(), "an adapter does not join the picker");
        assertEquals(bundled, picker.selectedProperty().get());

        // its base named as a folder here wins over the picker's model; none at all says to choose one
        Path named = adapterFolder("named-base", "[\"q_proj\", \"v_proj\"]", "v_proj",
                "\"" + tiny.toAbsolutePath().toString().replace("\\", "/") + "\"");
        assertTrue(ModelsDialogViewModel.problemWith(named, tmp).orElseThrow().contains("It fits " + tiny.toAbsolutePath()),
                ModelsDialogViewModel.problemWith(named, tmp).orElseThrow());
        assertEquals(Optional.of(good + " is a LoRA adapter (adapter_config.json), not a model checkpoint. Its base model"
                + " (org/some-model) is not a folder here: choose the base model in the picker, then open the adapter again to"
                + " check it"), ModelsDialogViewModel.problemWith(good, null));
    }
}
