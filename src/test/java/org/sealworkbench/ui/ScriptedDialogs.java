package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.stage.Window;
import org.sealworkbench.ui.studio.GenerateFormViewModel;

/** Dialogs answered by the test instead of a person; errors are collected, so a test can assert there were none. */
class ScriptedDialogs implements DialogService {
    volatile Path importFile;
    volatile Path modelFolder;
    /** Fills the Generate form; null answers Cancel. */
    volatile Consumer<GenerateFormViewModel> generateForm;
    /** Fills the Fine-tune & evaluate form; null answers Cancel. */
    volatile Consumer<org.sealworkbench.ui.runs.RunFormViewModel> fineTuneForm;
    final List<String> errors = new CopyOnWriteArrayList<>();

    @Override public Optional<Path> chooseImportFile(Window owner) { return Optional.ofNullable(importFile); }
    @Override public Optional<Path> chooseWorkspace(Window owner, Path current) { return Optional.empty(); }
    @Override public void showAbout(Window owner, Path workspace, Path model) {}
    @Override public Optional<Path> chooseModelFolder(Window owner) { return Optional.ofNullable(modelFolder); }

    @Override
    public boolean askGenerate(Window owner, GenerateFormViewModel form) {
        if (generateForm == null) return false;
        generateForm.accept(form);
        if (!form.errorProperty().get().isEmpty()) throw new AssertionError("the generate form says: " + form.errorProperty().get());
        return true;
    }

    @Override
    public boolean askFineTune(Window owner, org.sealworkbench.ui.runs.RunFormViewModel form) {
        if (fineTuneForm == null) return false;
        fineTuneForm.accept(form);
        if (!form.errorProperty().get().isEmpty()) throw new AssertionError("the fine-tune form says: " + form.errorProperty().get());
        return true;
    }

    @Override public Optional<String> askAnnotator(Window owner, String current) { return Optional.empty(); }

    /** The sections Help > Keyboard shortcuts showed last. */
    volatile List<ShortcutsHelp.Section> shortcuts;

    @Override public void showShortcuts(Window owner, List<ShortcutsHelp.Section> sections) { shortcuts = sections; }

    @Override
    public void showError(Window owner, String title, Throwable cause) {
        errors.add(title + ": " + (cause == null ? "" : cause));
    }
}
