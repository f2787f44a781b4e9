package org.sealworkbench.ui.studio;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.workspace.GenerateRequest;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.seal.PromptTemplates;

/**
 * The Generate form: model, template (SEAL's five or a custom one with {title}/{context}), k, temperature, top-p,
 * max new tokens, seed and which passages. The fields are text so that a half-typed number is a message under the
 * form, not an exception; {@link #request()} is empty while {@link #errorProperty()} says what is wrong.
 */
public final class GenerateFormViewModel {
    /** Which passages a generation covers; {@code toString} is the label the form's choice box shows. */
    public enum Scope {
        SHOWN_PASSAGE("this passage"), VISIBLE_PASSAGES("the passages the filter shows"), ALL_PASSAGES("all passages");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ObservableList<ModelItem> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelItem> model = new SimpleObjectProperty<>(this, "model");
    private final ObservableList<String> templates = FXCollections.observableArrayList(GenerateRequest.templateKeys());
    private final StringProperty template = new SimpleStringProperty(this, "template", PromptTemplates.IMPLICATIONS.key());
    private final StringProperty customTemplate = new SimpleStringProperty(this, "customTemplate",
            "Read the passage and list what follows from it.\n\nPassage:\n{title}\n{context}\n\nImplications:\n");
    private final StringProperty k = new SimpleStringProperty(this, "k", "5");
    private final StringProperty temperature = new SimpleStringProperty(this, "temperature", "1.0");
    private final StringProperty topP = new SimpleStringProperty(this, "topP", "0.95");
    private final StringProperty maxTokens = new SimpleStringProperty(this, "maxTokens", "256");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "42");
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(this, "scope", Scope.SHOWN_PASSAGE);
    private final StringBinding error;

    public GenerateFormViewModel() {
        error = Bindings.createStringBinding(() -> validate().orElse(""), model, template, customTemplate, k, temperature,
                topP, maxTokens, seed);
    }

    public ObservableList<ModelItem> models() { return models; }
    public ObjectProperty<ModelItem> modelProperty() { return model; }
    public ObservableList<String> templates() { return templates; }
    public StringProperty templateProperty() { return template; }
    public StringProperty customTemplateProperty() { return customTemplate; }
    public StringProperty kProperty() { return k; }
    public StringProperty temperatureProperty() { return temperature; }
    public StringProperty topPProperty() { return topP; }
    public StringProperty maxTokensProperty() { return maxTokens; }
    public StringProperty seedProperty() { return seed; }
    public ObjectProperty<Scope> scopeProperty() { return scope; }
    /** What is wrong with the form, "" when it is complete. */
    public StringBinding errorProperty() { return error; }

    private Optional<String> validate() {
        try {
            build();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    public Optional<GenerateRequest> request() {
        try {
            return Optional.of(build());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private GenerateRequest build() {
        Path dir = model.get() == null ? null : model.get().dir();
        return new GenerateRequest(dir, template.get(), customTemplate.get(), integer("k", k.get()),
                number("temperature", temperature.get()), number("top-p", topP.get()), integer("max new tokens", maxTokens.get()),
                integer("seed", seed.get()));
    }

    private static int integer(String name, String s) {
        return org.sealworkbench.ui.FormNumbers.whole(name, s);
    }

    private static double number(String name, String s) {
        return org.sealworkbench.ui.FormNumbers.number(name, s);
    }
}
