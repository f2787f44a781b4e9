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
        g.setVgap(0);   // rows are spaced by their nodes' margins, so that the hidden custom template takes no room
        g.setPadding(new Insets(10));
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // "Max new tokens" whole beside the custom template
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        g.getColumnConstraints().setAll(labels, fields);
        ComboBox<ModelItem> model = new ComboBox<>(vm.models());
        model.valueProperty().bindBidirectional(vm.modelProperty());
        ComboBox<String> template = new ComboBox<>(vm.templates());
        template.valueProperty().bindBidirectional(vm.templateProperty());
        template.setId("generateTemplate");
        TextArea custom = new TextArea();
        custom.setId("generateCustomTemplate");
        custom.textProperty().bindBidirectional(vm.customTemplateProperty());
        custom.setPrefRowCount(8);
        custom.setPrefColumnCount(44);
        custom.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // its rows shown, not squeezed to two
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
        error.setId("generateError");
        error.setWrapText(true);
        error.setPrefWidth(200);   // wraps within the form's width
        error.setMaxWidth(Double.MAX_VALUE);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        g.add(error, 0, row, 2, 1);
        for (javafx.scene.Node n : g.getChildren()) GridPane.setMargin(n, new Insets(4, 0, 4, 0));
        getDialogPane().setContent(g);
        // The custom template's editor and the error line come and go: the dialog takes their room (it kept its first
        // size, so the custom template squeezed the labels to "Sample…" and pushed the buttons below its edge).
        org.sealworkbench.ui.DialogFit.install(this, null, java.util.List.of(vm.templateProperty(), vm.errorProperty()));
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
