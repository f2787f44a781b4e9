package org.sealworkbench.ui.studio;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.workspace.ModelInfo;
import org.sealworkbench.jobs.workspace.ModelFolders;
import org.sealworkbench.jobs.workspace.ModelItem;

/**
 * The Models dialog: the picker's list (bundled seal-tiny, opened checkpoint folders, the workspace's model versions
 * with their lineage), the details of the chosen one, and its two actions. "Use" makes it the picker's model and loads
 * it as a job (as the toolbar picker does); "Open folder" checks the folder first (off the FX thread) and adds it.
 * The list and the loaded model are the studio's {@link ModelsViewModel}: one picker, two views.
 */
public final class ModelsDialogViewModel {
    private final ModelsViewModel models;
    private final Supplier<Optional<ModelInfo>> loaded;
    private final ObjectProperty<ModelItem> chosen = new SimpleObjectProperty<>(this, "chosen");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");

    /** @param loaded the model loaded in the open workspace, if any (a cheap in-memory look, no I/O) */
    public ModelsDialogViewModel(ModelsViewModel models, Supplier<Optional<ModelInfo>> loaded) {
        this.models = models;
        this.loaded = loaded;
        chosen.addListener((o, a, b) -> details.set(describe(b)));
        models.infoProperty().addListener((o, a, b) -> details.set(describe(chosen.get())));
        chosen.set(models.selectedProperty().get() != null ? models.selectedProperty().get()
                : models.models().isEmpty() ? null : models.models().get(0));
        details.set(describe(chosen.get()));
    }

    public ObservableList<ModelItem> models() { return models.models(); }
    /** Whether Use and Open folder… are off: the workspace is read-only, and loading a model records it there. */
    public javafx.beans.property.BooleanProperty readOnlyProperty() { return models.readOnlyProperty(); }
    public ObjectProperty<ModelItem> chosenProperty() { return chosen; }
    /** Family, parameters, dtype, device and weight memory of the chosen model once loaded; else what it is. */
    public ReadOnlyStringProperty detailsProperty() { return details.getReadOnlyProperty(); }

    String describe(ModelItem m) {
        if (m == null) return !models.models().isEmpty() ? "Choose a model" : models.readOnlyProperty().get()
                ? "No models in this workspace (it is open read-only)" : "No models yet: Open folder… adds a checkpoint folder";
        StringBuilder s = new StringBuilder(m.name());
        if (!m.lineage().equals(m.name())) s.append("\nLineage: ").append(m.lineage());
        s.append("\nFolder: ").append(m.dir());
        Optional<ModelInfo> info = loaded.get().filter(i -> i.dir() != null
                && i.dir().toAbsolutePath().normalize().equals(m.dir().toAbsolutePath().normalize()));
        if (info.isPresent()) {
            ModelInfo i = info.get();
            s.append("\nFamily: ").append(i.family())
                    .append("\nParameters: ").append(String.format("%,d", i.parameters()))
                    .append("\nDtype: ").append(i.dtype())
                    .append("\nDevice: ").append(i.device())
                    .append("\nWeight memory: ").append(String.format("%,d bytes", i.weightBytes()))
                    .append("\n(loaded: ").append(i.summary()).append(')');
        } else {
            s.append("\nFamily: ").append(m.family()).append(models.readOnlyProperty().get()
                    ? "\nNot loaded: the workspace is open read-only, and loading a model records it there."
                    : "\nNot loaded: Use (Enter) loads it, then its parameters, dtype, device and weight memory show here.");
        }
        return s.toString();
    }

    /** Makes the chosen model the picker's and loads it in the background. */
    public void use() {
        ModelItem m = chosen.get();
        if (m == null || models.readOnlyProperty().get()) return;
        models.selectedProperty().set(m);
        models.load();
    }

    /** Checks the folder off the FX thread ({@link ModelsViewModel#openFolder}); a checkpoint is added, chosen and loaded, a bad folder is an error dialog. */
    public void openFolder(Path dir) {
        models.openFolder(dir, () -> chosen.set(models.selectedProperty().get()));
    }

    /** Why a folder is not a checkpoint the engine can load, naming the file ({@link ModelFolders}); reads the disk. */
    public static Optional<String> problemWith(Path dir) {
        return ModelFolders.problemWith(dir);
    }

    /**
     * As {@link #problemWith(Path)}, a LoRA adapter folder checked against its base model, else against {@code chosenModel}
     * (the picker's): its inconsistency named, or what it is and how to use it.
     */
    public static Optional<String> problemWith(Path dir, Path chosenModel) {
        return ModelFolders.problemWith(dir, chosenModel);
    }
}
