package org.sealworkbench.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;
import org.controlsfx.dialog.ExceptionDialog;
import org.sealworkbench.ui.studio.GenerateDialog;
import org.sealworkbench.ui.studio.GenerateFormViewModel;

/** The real dialogs: JavaFX file and folder choosers and an About box. */
public final class FxDialogService implements DialogService {
    private File lastImportFolder;

    @Override
    public Optional<Path> chooseImportFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import passages or self-edits");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("SEAL / SQuAD JSON and JSONL", "*.json", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (lastImportFolder != null && lastImportFolder.isDirectory()) chooser.setInitialDirectory(lastImportFolder);
        File file = chooser.showOpenDialog(owner);
        if (file == null) return Optional.empty();
        lastImportFolder = file.getParentFile();
        return Optional.of(file.toPath());
    }

    @Override
    public Optional<Path> chooseWorkspace(Window owner, Path current) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open workspace (a folder; a new one is created when empty)");
        if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File dir = chooser.showDialog(owner);
        return dir == null ? Optional.empty() : Optional.of(dir.toPath());
    }

    @Override
    public void showAbout(Window owner, Path workspace, Path model) {
        AboutBox.show(owner, AboutBox.Info.current(workspace, model));
    }

    @Override
    public Optional<Path> chooseModelFolder(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a model (a Hugging Face checkpoint folder)");
        File dir = chooser.showDialog(owner);
        return dir == null ? Optional.empty() : Optional.of(dir.toPath());
    }

    @Override
    public boolean askGenerate(Window owner, GenerateFormViewModel form) {
        return new GenerateDialog(owner, form).showAndWait().orElse(false);
    }

    @Override
    public Optional<String> askAnnotator(Window owner, String current) {
        TextInputDialog d = new TextInputDialog(current == null ? "" : current);
        d.initOwner(owner);
        d.setTitle("Annotator");
        d.setHeaderText("Your name, stored with the edits you save");
        d.setContentText("Name:");
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public void showError(Window owner, String title, Throwable cause) {
        ExceptionDialog d = new ExceptionDialog(cause == null ? new RuntimeException(title) : cause);
        d.initOwner(owner);
        d.setTitle("SEAL Workbench");
        d.setHeaderText(title);
        String message = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        d.getDialogPane().setContentText(message);
        d.setResizable(true);
        d.show();
    }
}
