package org.sealworkbench.ui.studio;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.workspace.SequencePreview;
import org.sealworkbench.seal.WordDiff;

/**
 * One self-edit column: what it shows (a self-edit, the passage alone, or a sample being generated), the text
 * in its editor, whether that text differs from the stored one, its diff spans and its training sequences.
 */
public final class ColumnViewModel {
    private final ObjectProperty<ColumnChoice> choice = new SimpleObjectProperty<>(this, "choice", ColumnChoice.PASSAGE_ONLY);
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    /** The stored text of what is shown; the editor's text differs from it when there are unsaved edits. */
    private final StringProperty original = new SimpleStringProperty(this, "original", "");
    private final BooleanProperty streaming = new SimpleBooleanProperty(this, "streaming", false);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    /** The status line in whole where it is given in brief ({@link #showStatus}); "" when the line says it all. */
    private final StringProperty statusTip = new SimpleStringProperty(this, "statusTip", "");
    private final ObjectProperty<List<WordDiff.Span>> diffSpans = new SimpleObjectProperty<>(this, "diffSpans", List.of());
    private final ObservableList<SequencePreview> sequences = FXCollections.observableArrayList();
    /** The workspace is read-only: nothing can be saved, so the text is not editable (the studio binds it). */
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly", false);
    private final BooleanBinding dirty;
    private final BooleanBinding editable;
    private final BooleanBinding showsSelfEdit;

    public ColumnViewModel() {
        status.addListener((o, a, b) -> statusTip.set(""));   // a new line says it all until showStatus says otherwise
        dirty = Bindings.createBooleanBinding(() -> !streaming.get() && !readOnly.get() && choice.get() != null
                && !choice.get().passageOnly() && !text.get().equals(original.get()), text, original, streaming, choice, readOnly);
        editable = Bindings.createBooleanBinding(() -> !streaming.get() && !readOnly.get() && choice.get() != null
                && !choice.get().passageOnly(), streaming, choice, readOnly);
        showsSelfEdit = Bindings.createBooleanBinding(() -> !streaming.get() && choice.get() != null && !choice.get().passageOnly(),
                streaming, choice);
    }

    /** Whether the column shows a stored self-edit (not the passage alone, not a sample being generated): its history can be shown. */
    public BooleanBinding showsSelfEditProperty() { return showsSelfEdit; }

    public BooleanProperty readOnlyProperty() { return readOnly; }

    public ObjectProperty<ColumnChoice> choiceProperty() { return choice; }
    public StringProperty textProperty() { return text; }
    public ReadOnlyStringProperty originalProperty() { return original; }
    public BooleanProperty streamingProperty() { return streaming; }
    /** A line under the header: "generating… 120 tokens", "unsaved edits", "token limit (256)", "". */
    public StringProperty statusProperty() { return status; }
    /**
     * The status line's tooltip: the whole sentence of a line given in brief ("stopped: the new-token limit (256 tokens) is
     * reached" for "token limit (256)"), else the line itself.
     */
    public String statusTip() { return statusTip.get().isEmpty() ? status.get() : statusTip.get(); }
    /** See {@link #statusTip()}; "" while the line says it all. */
    public ReadOnlyStringProperty statusTipProperty() { return statusTip; }

    /** Shows a line in brief under the header, the whole sentence in its tooltip. */
    void showStatus(String brief, String sentence) {
        status.set(brief);
        statusTip.set(sentence);
    }
    public ObjectProperty<List<WordDiff.Span>> diffSpansProperty() { return diffSpans; }
    public ObservableList<SequencePreview> sequences() { return sequences; }
    public BooleanBinding dirtyProperty() { return dirty; }
    public BooleanBinding editableProperty() { return editable; }

    public boolean isDirty() { return dirty.get(); }
    public String text() { return text.get(); }
    public ColumnChoice choice() { return choice.get(); }

    /** Shows a stored self-edit (or the passage) with the given editor text (a draft, or the stored text). */
    void show(ColumnChoice c, String storedText, String editorText) {
        streaming.set(false);
        original.set(storedText);
        choice.set(c);
        text.set(editorText);
    }

    /** Starts showing a sample being generated. */
    void startStreaming(String label) {
        streaming.set(true);
        choice.set(ColumnChoice.PASSAGE_ONLY);
        original.set("");
        text.set("");
        status.set(label);
    }

    void append(String delta) {
        text.set(text.get() + delta);
    }
}
