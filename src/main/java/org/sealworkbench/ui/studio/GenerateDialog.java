package org.sealworkbench.ui.studio;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.sealworkbench.jobs.workspace.GenerateRequest;
import org.sealworkbench.jobs.workspace.ModelItem;

/** The Generate form as a dialog; its fields are bound to a {@link GenerateFormViewModel}. */
public final class GenerateDialog extends Dialog<Boolean> {
    public GenerateDialog(Window owner, GenerateFormViewModel vm) {
        initOwner(owner);
        setTitle("Generate self-edits");
        setHeaderText("Sample self-edits with a model; they stream into new columns and are stored as they finish.");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        ComboBox<ModelItem> model = new ComboBox<>(vm.models());
        model.valueProperty().bindBidirectional(vm.modelProperty());
        ComboBox<String> template = new ComboBox<>(vm.templates());
        template.valueProperty().bindBidirectional(vm.templateProperty());
        TextArea custom = new TextArea();
        custom.textProperty().bindBidirectional(vm.customTemplateProperty());
        custom.setPrefRowCount(5);
        custom.setWrapText(true);
        custom.visibleProperty().bind(vm.templateProperty().isEqualTo(GenerateRequest.CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());
        ComboBox<GenerateFormViewModel.Scope> scope = new ComboBox<>();
        scope.getItems().setAll(GenerateFormViewModel.Scope.values());
        scope.valueProperty().bindBidirectional(vm.scopeProperty());
        int row = 0;
        g.addRow(row++, new Label("Model"), model);
        g.addRow(row++, new Label("Template"), template);
        g.add(custom, 1, row++);
        g.addRow(row++, new Label("Samples (k)"), field(vm.kProperty()));
        g.addRow(row++, new Label("Temperature"), field(vm.temperatureProperty()));
        g.addRow(row++, new Label("Top-p"), field(vm.topPProperty()));
        g.addRow(row++, new Label("Max new tokens"), field(vm.maxTokensProperty()));
        g.addRow(row++, new Label("Seed"), field(vm.seedProperty()));
        g.addRow(row++, new Label("Passages"), scope);
        Label error = new Label();
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.textProperty().bind(vm.errorProperty());
        g.add(error, 0, row, 2, 1);
        getDialogPane().setContent(g);
        ButtonType go = new ButtonType("Generate", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        getDialogPane().lookupButton(go).disableProperty().bind(vm.errorProperty().isNotEmpty());
        setResultConverter(b -> b == go);
    }

    private static TextField field(javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(8);
        return f;
    }
}
