package org.sealworkbench.ui.welcome;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The first start's engine-unpacking window (thin): a heading, what happens, a progress bar, Hide. */
public final class NativesUnpackView extends VBox {
    final ProgressBar bar = new ProgressBar();

    public NativesUnpackView(NativesUnpackViewModel vm, Runnable hide) {
        setId("nativesUnpack");
        setSpacing(10);
        setPadding(new Insets(18));
        Label heading = new Label(vm.heading());
        heading.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        Label text = new Label(vm.explanation());
        text.setWrapText(true);
        text.setMinHeight(Label.USE_PREF_SIZE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label message = new Label();
        message.setId("nativesMessage");
        message.textProperty().bind(vm.messageProperty());
        Button hideButton = new Button("Hide");
        hideButton.setCancelButton(true);
        hideButton.setOnAction(e -> hide.run());
        getChildren().addAll(heading, text, bar, message, hideButton);
    }

    /** Shows it beside {@code owner}; it closes itself a moment after the engine has started. */
    public static Stage show(Window owner, NativesUnpackViewModel vm) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("SEAL Workbench: first start");
        NativesUnpackView view = new NativesUnpackView(vm, stage::close);
        view.setPrefWidth(520);
        stage.setScene(new Scene(view));
        stage.sizeToScene();
        vm.finishedProperty().addListener((obs, was, now) -> {
            if (now && vm.progressProperty().get() >= 1) {
                javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
                wait.setOnFinished(e -> stage.close());
                wait.play();
            }
        });
        // Bottom right of the main window, clear of the welcome, which sits in its middle.
        stage.setOnShown(e -> {
            if (owner != null && owner.getWidth() > 0) {
                stage.setX(owner.getX() + Math.max(0, owner.getWidth() - stage.getWidth() - 24));
                stage.setY(owner.getY() + Math.max(0, owner.getHeight() - stage.getHeight() - 48));
            }
        });
        stage.show();
        return stage;
    }
}
