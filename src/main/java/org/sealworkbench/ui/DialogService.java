package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;
import org.sealworkbench.ui.studio.GenerateFormViewModel;

/** The native dialogs the window uses, behind an interface so tests can answer them without a screen. */
public interface DialogService {
    Optional<Path> chooseImportFile(Window owner);

    Optional<Path> chooseWorkspace(Window owner, Path current);

    /** Help > About, naming the open workspace and the chosen model's folder (null: none). */
    void showAbout(Window owner, Path workspace, Path model);

    /** Help > Keyboard shortcuts: the keys of the window, by where they work. */
    default void showShortcuts(Window owner, java.util.List<ShortcutsHelp.Section> sections) {
        ShortcutsHelp.show(owner, sections);
    }

    /** A local Hugging Face checkpoint folder to generate with. */
    Optional<Path> chooseModelFolder(Window owner);

    /** Shows the Generate form; true when the user asked to generate (the form then holds a valid request). */
    boolean askGenerate(Window owner, GenerateFormViewModel form);

    /** Shows the Fine-tune & evaluate form; true when the user queued the runs (the form is then valid). */
    default boolean askFineTune(Window owner, org.sealworkbench.ui.runs.RunFormViewModel form) {
        return new org.sealworkbench.ui.runs.RunDialog(owner, form).showAndWait().orElse(false);
    }

    /** The annotator's name, for the self-edits they save. */
    Optional<String> askAnnotator(Window owner, String current);

    /** An error as a dialog: a readable title, the cause's message, and its stack trace expandable. */
    void showError(Window owner, String title, Throwable cause);
}
