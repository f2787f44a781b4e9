package org.sealworkbench.ui.welcome;

import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The welcome window (thin: layout and bindings only). Enter opens the demo, Shortcut+N creates the named
 * workspace, Escape closes the window (the caller then opens the default workspace).
 */
public final class WelcomeView extends VBox {
    final Button demoButton = new Button("Open the demo workspace");
    final TextField nameField = new TextField();
    final Button createButton = new Button("Create workspace");

    public WelcomeView(WelcomeViewModel vm, Runnable chooseFolder) {
        setId("welcome");
        getStyleClass().add("welcome");
        setSpacing(14);
        setPadding(new Insets(24));

        Label title = new Label("Welcome to SEAL Workbench");
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        Label intro = wrap("A language model writes its own fine-tuning data (a self-edit) for a passage; a small "
                + "fine-tune on it is scored by closed-book questions. Start with the demo to see it on the bundled "
                + "tiny model, or make a workspace for your own passages.");

        demoButton.setId("welcomeDemo");
        demoButton.setDefaultButton(true);
        demoButton.setMaxWidth(Double.MAX_VALUE);
        demoButton.setDisable(!vm.demoAvailable());
        demoButton.setOnAction(e -> vm.openDemo());
        VBox demo = card("Try it: the demo", vm.demoDescription(), demoButton);

        nameField.setId("welcomeName");
        nameField.textProperty().bindBidirectional(vm.newNameProperty());
        nameField.setPromptText("workspace name");
        HBox.setHgrow(nameField, Priority.ALWAYS);
        createButton.setId("welcomeCreate");
        createButton.disableProperty().bind(vm.canCreateProperty().not());
        createButton.setOnAction(e -> vm.createNew());
        nameField.setOnAction(e -> {
            if (vm.canCreateProperty().get()) vm.createNew();
        });
        Label problem = new Label();
        problem.setId("welcomeNameProblem");
        problem.textProperty().bind(vm.nameProblemProperty());
        problem.setStyle("-fx-text-fill: -color-danger-fg;");
        // The naming rule is two lines at 620 px: wrapped, and the window grows to keep the rest in sight (it was cut,
        // "… starting with a letter or ...").
        problem.setWrapText(true);
        problem.setMinHeight(Label.USE_PREF_SIZE);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.textProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(() -> {
            if (getScene() != null && getScene().getWindow() instanceof Stage st && st.isShowing()) st.sizeToScene();
        }));
        Hyperlink folder = new Hyperlink("…or open or create a workspace in a folder of your choice");
        folder.setOnAction(e -> chooseFolder.run());
        VBox fresh = card("New workspace", vm.newDescription(), new HBox(8, nameField, createButton), problem, folder);

        Label keys = new Label("Enter: open the demo · Ctrl+N: create · Esc: skip (opens your default workspace)");
        keys.setStyle("-fx-text-fill: -color-fg-muted;");
        getChildren().addAll(title, intro, demo, fresh, keys);
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }

    /** A card in the theme's colours (a fixed light background left the dark theme's light text unreadable). */
    private static VBox card(String heading, String text, javafx.scene.Node... actions) {
        Label h = new Label(heading);
        h.setStyle("-fx-font-size: 14px; -fx-font-weight: bold;");
        VBox box = new VBox(8, h, wrap(text));
        box.getChildren().addAll(actions);
        box.setPadding(new Insets(12));
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("welcome-card");
        box.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6; "
                + "-fx-background-color: -color-bg-subtle;");
        return box;
    }

    /**
     * Shows the welcome over {@code owner}. {@code onSkip} runs when the window is closed without a choice.
     */
    public static Stage show(Window owner, WelcomeViewModel vm, Runnable onSkip) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Welcome to SEAL Workbench");
        WelcomeView view = new WelcomeView(vm, () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open or create a workspace (an empty folder becomes a new workspace)");
            File dir = chooser.showDialog(stage);
            if (dir != null) vm.openFolder(dir.toPath());
        });
        // As tall as its content at 620 px wide (the texts wrap), so nothing is cut off.
        view.setPrefWidth(620);
        Scene scene = new Scene(view);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            if (vm.canCreateProperty().get()) vm.createNew();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), stage::close);
        stage.setScene(scene);
        vm.answeredProperty().addListener((obs, was, now) -> {
            if (now) stage.close();
        });
        stage.setOnHidden(e -> {
            if (!vm.answeredProperty().get()) onSkip.run();
        });
        stage.sizeToScene();
        stage.show();
        view.demoButton.requestFocus();
        return stage;
    }
}
