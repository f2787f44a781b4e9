package org.sealworkbench.ui;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The passage library: all rows, the filter text, the rows it lets through, and the selected row. */
public final class PassageLibraryViewModel {
    private final ObservableList<PassageRow> rows = FXCollections.observableArrayList();
    private final FilteredList<PassageRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<PassageRow> selected = new SimpleObjectProperty<>(this, "selected");

    public PassageLibraryViewModel() {
        filterText.addListener((obs, old, text) -> {
            visibleRows.setPredicate(r -> r.matches(text));
            if (selected.get() != null && !visibleRows.contains(selected.get())) selected.set(null);
        });
    }

    public ObservableList<PassageRow> visibleRows() { return visibleRows; }
    public int totalRows() { return rows.size(); }
    public List<PassageRow> allRows() { return List.copyOf(rows); }
    public StringProperty filterTextProperty() { return filterText; }
    public ObjectProperty<PassageRow> selectedProperty() { return selected; }

    /** Replaces the rows, keeping the selection on the same passage when it is still there and visible. */
    public void setRows(List<PassageRow> newRows) {
        Long keepId = selected.get() == null ? null : selected.get().id();
        replacing = true;
        try {
            rows.setAll(newRows);
        } finally {
            replacing = false;
        }
        selected.set(keepId == null ? null : findVisible(keepId).orElse(null));
    }

    /** True while {@link #setRows} swaps the rows: a table losing its selection then is no user's choice. */
    public boolean isReplacingRows() {
        return replacing;
    }

    private boolean replacing;

    public Optional<PassageRow> findVisible(long id) {
        return visibleRows.stream().filter(r -> r.id() == id).findFirst();
    }
}
