package org.sealworkbench.ui.studio;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.sealworkbench.jobs.workspace.ModelItem;

/** The Models dialog (thin: the list, the chosen model's details and the actions are a {@link ModelsDialogViewModel}). */
public final class ModelsDialog extends Dialog<Void> {
    public ModelsDialog(Window owner, ModelsDialogViewModel vm, Supplier<Optional<Path>> chooseFolder) {
        initOwner(owner);
        initModality(Modality.NONE);
        setTitle("Models");
        setHeaderText("The bundled model, checkpoint folders you opened, and this workspace's model versions");
        ListView<ModelItem> list = new ListView<>(vm.models());
        list.setId("modelsList");
        list.setPrefSize(360, 320);
        list.getSelectionModel().select(vm.chosenProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> { if (b != null) vm.chosenProperty().set(b); });
        vm.chosenProperty().addListener((o, a, b) -> list.getSelectionModel().select(b));
        Label details = new Label();
        details.setId("modelDetails");
        details.setWrapText(true);
        details.setPrefWidth(420);
        details.textProperty().bind(vm.detailsProperty());
        Button use = new Button("Use");
        use.setId("useModel");
        use.setDefaultButton(true);
        use.disableProperty().bind(vm.chosenProperty().isNull().or(vm.readOnlyProperty()));
        use.setOnAction(e -> vm.use());
        Button open = new Button("Open folder…");
        open.setId("openModelFolder");
        open.setOnAction(e -> chooseFolder.get().ifPresent(vm::openFolder));
        open.disableProperty().bind(vm.readOnlyProperty());
        var off = javafx.beans.binding.Bindings.when(vm.readOnlyProperty()).then(SelfEditsView.FOLDER_OFF).otherwise((String) null);
        list.setOnKeyPressed(e -> { if (e.getCode() == KeyCode.ENTER) vm.use(); });
        VBox right = new VBox(10, details, new HBox(8, org.sealworkbench.ui.OffReason.wrap(use, off),
                org.sealworkbench.ui.OffReason.wrap(open, off)));
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox content = new HBox(12, list, right);
        content.setPadding(new Insets(10));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        // its content's size, on the screen (under Xvfb it opened 600 px wide, the details squeezed beside the list)
        org.sealworkbench.ui.DialogFit.install(this, null, java.util.List.of());
        org.sealworkbench.ui.DialogKeys.escCloses(this, list);
    }
}
