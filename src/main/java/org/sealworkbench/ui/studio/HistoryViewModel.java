package org.sealworkbench.ui.studio;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.workspace.SelfEditItem;
import org.sealworkbench.seal.WordDiff;

/**
 * The history of a self-edit: the original and every edit of it (oldest first), and, for the selected version,
 * its text against the version it was made from, with word differences.
 */
public final class HistoryViewModel {
    private final ObservableList<SelfEditItem> versions = FXCollections.observableArrayList();
    private final ObjectProperty<SelfEditItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty parentText = new SimpleStringProperty(this, "parentText", "");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final StringProperty heading = new SimpleStringProperty(this, "heading", "");
    private final ObjectProperty<WordDiff.Result> diff = new SimpleObjectProperty<>(this, "diff", WordDiff.diff("", ""));

    public HistoryViewModel(List<SelfEditItem> chain, long current) {
        versions.setAll(chain);
        selected.addListener((o, a, v) -> update(v));
        selected.set(chain.stream().filter(v -> v.id() == current).findFirst().orElse(chain.isEmpty() ? null : chain.get(0)));
    }

    public ObservableList<SelfEditItem> versions() { return versions; }
    public ObjectProperty<SelfEditItem> selectedProperty() { return selected; }
    public StringProperty parentTextProperty() { return parentText; }
    public StringProperty textProperty() { return text; }
    /** "#14, an edit of #9" or "#9, the original". */
    public StringProperty headingProperty() { return heading; }
    /** Left: the parent's spans; right: the selected version's. */
    public ObjectProperty<WordDiff.Result> diffProperty() { return diff; }

    /** The version a version was made from, when it is in the chain. */
    public Optional<SelfEditItem> parentOf(SelfEditItem v) {
        if (v == null || v.parentId() == null) return Optional.empty();
        return versions.stream().filter(p -> p.id() == v.parentId()).findFirst();
    }

    /** The path from the original to a version: "#9 -> #14 -> #20". */
    public String lineage(SelfEditItem v) {
        StringBuilder s = new StringBuilder("#" + v.id());
        Optional<SelfEditItem> p = parentOf(v);
        int guard = 0;
        while (p.isPresent() && guard++ < versions.size()) {
            s.insert(0, "#" + p.get().id() + " -> ");
            p = parentOf(p.get());
        }
        return s.toString();
    }

    private void update(SelfEditItem v) {
        if (v == null) {
            parentText.set("");
            text.set("");
            heading.set("");
            diff.set(WordDiff.diff("", ""));
            return;
        }
        Optional<SelfEditItem> parent = parentOf(v);
        parentText.set(parent.map(SelfEditItem::text).orElse(""));
        text.set(v.text());
        heading.set(parent.isPresent() ? lineage(v) + " (an edit of #" + parent.get().id() + ")" : "#" + v.id() + ", the original");
        diff.set(parent.isPresent() ? WordDiff.diff(parent.get().text(), v.text()) : WordDiff.diff("", ""));
    }
}
