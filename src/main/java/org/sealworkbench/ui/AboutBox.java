package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;
import org.sealworkbench.app.AppDirs;
import org.sealworkbench.app.Logging;

/**
 * Help > About: version, the open workspace and the chosen model's folder, runtime, and where the workbench keeps its
 * files, the log file first, so a user can attach it to a bug report ("Copy log path" puts it on the clipboard). The
 * text is a selectable area.
 */
public final class AboutBox {
    /** What the box says; {@link #current()} gathers it (no I/O: paths and properties only). */
    public record Info(String version, String java, String javafx, Path logFile, Path dataDir, Path settingsFile,
                       Path workspace, Path model) {
        /** Without a workspace or model (tests of the files' lines). */
        public Info(String version, String java, String javafx, Path logFile, Path dataDir, Path settingsFile) {
            this(version, java, javafx, logFile, dataDir, settingsFile, null, null);
        }

        /** This process's; {@code workspace} and {@code model} (its folder) are the window's, null when none. */
        public static Info current(Path workspace, Path model) {
            AppDirs dirs = AppDirs.current();
            String version = AboutBox.class.getPackage().getImplementationVersion();
            return new Info(version == null ? "0.1.0" : version, System.getProperty("java.version") + " ("
                    + System.getProperty("java.vendor") + ")", System.getProperty("javafx.runtime.version", "?"),
                    Logging.currentFile(), dirs.data(), dirs.settingsFile(), workspace, model);
        }

        public List<String> lines() {
            List<String> l = new ArrayList<>();
            l.add("A desktop workbench for SEAL (Self-Adapting Language Models): passages, self-edits, inner-loop "
                    + "fine-tuning and closed-book QA, recorded in a local experiment log. Runs fully offline.");
            l.add("");
            l.add("Workspace: " + (workspace == null ? "none open (File > Open workspace…, Ctrl+O)" : workspace));
            l.add("Model: " + (model == null ? "none chosen (Self-edits > Models…, Ctrl+M)" : model));
            l.add("");
            l.add("Log file: " + (logFile == null ? "none (this process logs to the console only)" : logFile));
            l.add("Data folder (workspaces, engine cache, logs): " + dataDir);
            l.add("Settings: " + settingsFile);
            l.add("");
            l.add("Java " + java + ", JavaFX " + javafx);
            return l;
        }
    }

    private AboutBox() {}

    public static void show(Window owner, Info info) {
        ButtonType copy = new ButtonType("Copy log path", ButtonBar.ButtonData.LEFT);
        create(owner, info, copy).showAndWait().filter(copy::equals).ifPresent(b -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(String.valueOf(info.logFile()));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
    }

    /** The box, not yet shown; {@code copy} is its "Copy log path" button. Escape closes it, as Enter and OK do. */
    static Alert create(Window owner, Info info, ButtonType copy) {
        Alert about = new Alert(Alert.AlertType.INFORMATION, "", copy, ButtonType.OK);
        about.initOwner(owner);
        about.setTitle("About SEAL Workbench");
        about.setHeaderText("SEAL Workbench " + info.version());
        TextArea text = new TextArea(String.join("\n", info.lines()));
        text.setId("aboutText");
        text.setEditable(false);
        text.setWrapText(true);
        // every line in sight at 60 columns (the intro, the workspace, the model and the data folder wrap): at 9 rows the
        // Java line scrolled out of view
        text.setPrefRowCount(20);
        text.setPrefColumnCount(60);
        about.getDialogPane().setContent(text);
        about.getDialogPane().lookupButton(copy).setDisable(info.logFile() == null);
        // A dialog without a cancel button ignores Escape: this one has OK and Copy, so Escape is OK here.
        about.getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                about.setResult(ButtonType.OK);
                about.close();
            }
        });
        return about;
    }
}
