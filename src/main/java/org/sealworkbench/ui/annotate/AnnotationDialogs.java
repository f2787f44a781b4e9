package org.sealworkbench.ui.annotate;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** The annotation screen's native dialogs, behind an interface so that tests answer them without a screen. */
public interface AnnotationDialogs {
    /** A file to write; extension like "csv" or "jsonl". */
    Optional<Path> chooseExportFile(Window owner, String extension);

    Optional<Path> chooseImportFile(Window owner);

    /** A readable error dialog with the whole message and the details. */
    void showError(Window owner, String title, Throwable error);
}
