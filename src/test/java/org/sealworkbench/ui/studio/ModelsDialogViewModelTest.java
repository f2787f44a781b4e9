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
        assertEquals(Optional.of(empty + ": no weights (*.safetensors or *.bin) next to config.json"),
                ModelsDialogViewModel.problemWith(empty));
        Files.writeString(empty.resolve("config.json"), "[1, 2");
        assertTrue(ModelsDialogViewModel.problemWith(empty).orElseThrow().startsWith(empty.resolve("config.json") + ": not a JSON"));
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
}
