package org.sealworkbench.ui.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.sealworkbench.jobs.workspace.ModelInfo;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;

/**
 * The model picker: the bundled model, checkpoint folders the user opened, and the model versions of the
 * workspace. The chosen model is loaded once, as a job, and shared by generation; its family, parameters, dtype,
 * device and weight memory are shown once loaded.
 */
public final class ModelsViewModel {
    private final Supplier<WorkspaceService> workspace;
    private final Background background;
    private final JobRunner runner;
    private final BiConsumer<String, Throwable> errors;
    private final ObservableList<ModelItem> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty info = new SimpleStringProperty(this, "info", "no model loaded");
    /**
     * The workspace is read-only (the window binds it): loading a model records it in the workspace, so nothing is
     * loaded, and no folder is added; the list still shows the workspace's models.
     */
    private final javafx.beans.property.BooleanProperty readOnly = new javafx.beans.property.SimpleBooleanProperty(this, "readOnly");
    /** What the picker's line says in a read-only workspace. */
    public static final String NOT_LOADED_READ_ONLY = "not loaded: the workspace is read-only (loading records the model in it)";

    public ModelsViewModel(Supplier<WorkspaceService> workspace, Background background, JobRunner runner,
                           BiConsumer<String, Throwable> errors) {
        this.workspace = workspace;
        this.background = background;
        this.runner = runner;
        this.errors = errors;
    }

    private Runnable onLoaded = () -> {};

    /** Called on the FX thread after a model was loaded (e.g. to recount the sequence preview's tokens). */
    public void setOnLoaded(Runnable r) {
        onLoaded = r == null ? () -> {} : r;
    }

    public ObservableList<ModelItem> models() { return models; }
    public ObjectProperty<ModelItem> selectedProperty() { return selected; }
    /** The loaded model's description, or what is happening. */
    public StringProperty infoProperty() { return info; }
    public javafx.beans.property.BooleanProperty readOnlyProperty() { return readOnly; }

    /** Re-reads the workspace's models, keeping the chosen one. */
    public void refresh() {
        WorkspaceService ws = workspace.get();
        if (ws == null) return;
        background.run("Reading models", ws::models, list -> {
            if (workspace.get() != ws) return;   // another workspace opened meanwhile: its own refresh follows
            ModelItem keep = selected.get();
            List<ModelItem> next = new ArrayList<>(list);
            ModelItem target = null;
            for (ModelItem m : next) if (keep != null && m.dir().equals(keep.dir())) target = m;
            if (target == null && keep != null) {
                next.add(keep);   // a folder opened by hand, or a model of the workspace left: it stays chosen
                target = keep;
            }
            if (target == null && !next.isEmpty()) target = next.get(0);
            // One change of the list, with the chosen model in it: the picker (a ComboBox) lost its selected row when the
            // list was replaced without it and the model then added back, and drew nothing though a model was chosen
            // (after switching workspaces with a folder chosen). Unchanged, the list is left alone.
            if (!models.equals(next)) models.setAll(next);
            if (selected.get() != target) selected.set(target);
            ws.loadedModel().ifPresent(mi -> info.set(mi.summary()));
        }, e -> errors.accept("Could not list the models", e));
    }

    /**
     * Checks a folder the user picked (off the FX thread, {@link ModelsDialogViewModel#problemWith}); a checkpoint is
     * added, chosen and loaded, then {@code onAdded} runs; a folder that is none is an error naming the file and is not
     * added (the toolbar's Folder… put any folder in the picker, which then stayed on a model that could not load).
     */
    public void openFolder(Path dir, Runnable onAdded) {
        if (readOnly.get()) {
            errors.accept("Not added: " + dir, new IllegalStateException("The workspace is open read-only: a model folder is"
                    + " added by loading it, which records it in the workspace. To use other models, work on a copy of its folder."));
            return;
        }
        Path chosen = selected.get() == null ? null : selected.get().dir();   // the base to check an adapter folder against
        background.run("Checking " + dir, () -> ModelsDialogViewModel.problemWith(dir, chosen), problem -> {
            if (problem.isPresent()) {
                errors.accept("Not a model folder: " + dir, new IllegalArgumentException(problem.get()));
                return;
            }
            addFolder(dir);
            onAdded.run();
        }, e -> errors.accept("Could not check the folder " + dir, e));
    }

    /** Adds a checkpoint folder and loads it (a failure is a dialog naming the file); {@link #openFolder} checks it first. */
    public Task<?> addFolder(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        // a folder the list already holds (the workspace recorded it when it was used) is chosen, not listed twice
        ModelItem item = models.stream().filter(m -> m.dir().toAbsolutePath().normalize().equals(abs)).findFirst().orElse(null);
        if (item == null) {
            String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
            item = new ModelItem(null, name, abs, "?", name + " (folder)");
            models.add(item);
        }
        selected.set(item);
        return load();
    }

    /** Loads the chosen model in the background (once; a loaded model is reused). */
    public Task<?> load() {
        WorkspaceService ws = workspace.get();
        ModelItem m = selected.get();
        if (ws == null || m == null) return null;
        if (readOnly.get()) {
            ws.loadedModel().ifPresentOrElse(mi -> info.set(mi.summary()), () -> info.set(NOT_LOADED_READ_ONLY));
            return null;
        }
        info.set("loading " + m.name() + "…");
        JobTask<ModelInfo> task = new JobTask<>("Loading model " + m.name(), (p, c) -> ws.loadModel(m.dir(), p, c));
        task.setOnSucceeded(e -> {
            info.set(task.getValue().summary());
            onLoaded.run();
        });
        task.setOnFailed(e -> {
            info.set("could not load " + m.name());
            errors.accept("Could not load the model " + m.dir(), task.getException());
        });
        task.setOnCancelled(e -> info.set("loading cancelled"));
        return runner.submit(task, true);
    }
}
