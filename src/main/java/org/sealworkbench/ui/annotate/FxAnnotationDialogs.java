package org.sealworkbench.ui.annotate;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.dialog.ExceptionDialog;

/** The real dialogs: JavaFX file choosers and ControlsFX's exception dialog. */
public final class FxAnnotationDialogs implements AnnotationDialogs {
    private File lastFolder;

    @Override
    public Optional<Path> chooseExportFile(Window owner, String extension) {
        FileChooser chooser = chooser("Export judgements as " + extension.toUpperCase(java.util.Locale.ROOT), extension);
        chooser.setInitialFileName("judgements." + extension);
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> chooseImportFile(Window owner) {
        return remember(chooser("Import judgements (JSONL from another workspace)", "jsonl").showOpenDialog(owner));
    }

    private FileChooser chooser(String title, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT), "*." + extension),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (lastFolder != null && lastFolder.isDirectory()) chooser.setInitialDirectory(lastFolder);
        return chooser;
    }

    private Optional<Path> remember(File f) {
        if (f == null) return Optional.empty();
        lastFolder = f.getParentFile();
        return Optional.of(f.toPath());
    }

    @Override
    public void showError(Window owner, String title, Throwable error) {
        ExceptionDialog d = new ExceptionDialog(error);
        if (owner != null) d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(title);
        d.getDialogPane().setContentText(error.getMessage() == null ? error.toString() : error.getMessage());
        d.getDialogPane().setPrefWidth(640);
        d.show();
    }
}
