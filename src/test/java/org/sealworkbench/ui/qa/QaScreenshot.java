package org.sealworkbench.ui.qa;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Opens the QA view alone on a workspace and passage, for looking at it (screenshots under Xvfb):
 * {@code java -cp ... org.sealworkbench.ui.qa.QaScreenshot WORKSPACE PASSAGE_ID WIDTH HEIGHT [FILTER] [SEARCH]}.
 */
public final class QaScreenshot {
    /** The application class; the launcher's main is outside it, so JavaFX on the class path starts. */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) {
        var args = getParameters().getRaw();
        QaScreen screen = QaScreen.open(Path.of(args.get(0)));
        stage.setScene(new Scene(screen.view(), Double.parseDouble(args.get(2)), Double.parseDouble(args.get(3))));
        stage.setTitle("QA results");
        stage.setX(0);
        stage.setY(0);
        stage.show();
        screen.show(Long.parseLong(args.get(1)));
        if (args.size() > 4) screen.viewModel().filterProperty().set(QaViewModel.Filter.valueOf(args.get(4)));
        if (args.size() > 5) screen.viewModel().searchProperty().set(args.get(5));
    }

    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }
}
