package org.sealworkbench.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.workspace.PassageText;
import org.sealworkbench.jobs.workspace.QuestionItem;

/** The passage shown in the detail pane: title, context and its questions with gold answers. */
public final class PassageDetailViewModel {
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing", false);
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty context = new SimpleStringProperty(this, "context", "");
    private final StringProperty subtitle = new SimpleStringProperty(this, "subtitle", "");
    private final ObservableList<QuestionItem> questions = FXCollections.observableArrayList();

    public ReadOnlyBooleanProperty showingProperty() { return showing; }
    public ReadOnlyStringProperty titleProperty() { return title; }
    public ReadOnlyStringProperty contextProperty() { return context; }
    public ReadOnlyStringProperty subtitleProperty() { return subtitle; }
    public ObservableList<QuestionItem> questions() { return questions; }

    public void show(PassageText detail) {
        if (detail == null) {
            clear();
            return;
        }
        title.set(detail.title());
        context.set(detail.context());
        int n = detail.questions().size();
        int words = detail.context().isBlank() ? 0 : detail.context().trim().split("\\s+").length;
        subtitle.set("Passage #" + detail.id() + " · " + words + " words · " + n + (n == 1 ? " question" : " questions"));
        questions.setAll(detail.questions());
        showing.set(true);
    }

    public void clear() {
        showing.set(false);
        title.set("");
        context.set("");
        subtitle.set("");
        questions.clear();
    }
}
