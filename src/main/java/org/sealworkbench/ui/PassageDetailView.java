package org.sealworkbench.ui;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.sealworkbench.jobs.workspace.QuestionItem;

/** The selected passage: title, context, and its questions with gold answers. */
public final class PassageDetailView extends StackPane {
    final Label title = new Label();
    final TextArea context = new TextArea();
    final TableView<QuestionItem> questions = new TableView<>();

    public PassageDetailView(PassageDetailViewModel vm) {
        getStyleClass().add("detail-pane");

        title.setId("detailTitle");
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        title.textProperty().bind(vm.titleProperty());
        Label subtitle = new Label();
        subtitle.getStyleClass().add("muted");
        subtitle.textProperty().bind(vm.subtitleProperty());
        subtitle.setId("detailSubtitle");
        subtitle.setWrapText(true);   // beside five columns the pane is narrow: "… · 5 questions" wraps instead of "5 qu…"
        subtitle.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        context.setId("detailContext");
        context.setEditable(false);
        context.setWrapText(true);
        context.setPrefRowCount(9);
        context.textProperty().bind(vm.contextProperty());
        VBox.setVgrow(context, Priority.SOMETIMES);

        questions.setId("questionTable");
        questions.setItems(vm.questions());
        TableColumn<QuestionItem, Integer> number = new TableColumn<>("#");
        number.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().ordinal() + 1));
        number.setPrefWidth(44);
        number.setMinWidth(40);
        number.setMaxWidth(52);
        number.getStyleClass().add("number-column");
        TableColumn<QuestionItem, String> question = wrappingColumn("Question");
        question.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().question()));
        // "Answer": the section's heading says they are the gold answers, and "Gold answer" was cut to "Gold a…" in the
        // studio's narrow passage pane
        TableColumn<QuestionItem, String> answer = wrappingColumn("Answer");
        answer.setMinWidth(ANSWER_LEAST);
        answer.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().answer()));
        question.setPrefWidth(620);
        question.setMinWidth(90);   // its heading whole in the narrowest pane (beside five columns)
        answer.setPrefWidth(380);
        // At least as wide as the widest word of the answers (most are one word: "Drongehal"), up to ANSWER_MOST, so a
        // narrow pane cuts no answer; a longer word is cut with "…" and whole in its tooltip.
        // The other columns keep their least widths: in the narrowest pane the Answer column takes what they leave.
        Runnable fitAnswer = () -> answer.setMinWidth(Math.max(ANSWER_LEAST, Math.min(
                answerMinWidth(vm.questions().stream().map(QuestionItem::answer).toList()),
                questions.getWidth() - number.getMinWidth() - question.getMinWidth() - 18)));   // 18: a vertical scroll bar
        vm.questions().addListener((javafx.collections.ListChangeListener<QuestionItem>) c -> fitAnswer.run());
        questions.widthProperty().addListener((o, a, w) -> fitAnswer.run());
        questions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        questions.getColumns().setAll(java.util.List.of(number, question, answer));
        questions.setPlaceholder(new Label("This passage has no questions."));
        VBox.setVgrow(questions, Priority.ALWAYS);

        VBox content = new VBox(10, title, subtitle, section("Context"), context, section("Questions and gold answers"), questions);
        content.getStyleClass().add("detail-content");
        content.visibleProperty().bind(vm.showingProperty());

        Label empty = new Label("Select a passage to read its context and questions.");
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true); // the detail pane is narrow: the hint wraps instead of ending in "…"
        empty.setPadding(new javafx.geometry.Insets(12));
        empty.visibleProperty().bind(vm.showingProperty().not());

        getChildren().addAll(empty, content);
    }

    /** The Answer column's least width in the narrowest pane (beside five columns, at 1280 px). */
    static final double ANSWER_LEAST = 72, ANSWER_MOST = 112;

    /** The Answer column's least width for these answers: their widest word whole, up to {@link #ANSWER_MOST}. */
    static double answerMinWidth(java.util.List<String> answers) {
        javafx.scene.text.Font font = new javafx.scene.text.Text().getFont();   // the cells' text's
        double widest = 0;
        for (String a : answers) if (a != null && !a.isBlank()) widest = Math.max(widest, TwoLineCell.widestWord(a, font));
        return Math.max(ANSWER_LEAST, Math.min(ANSWER_MOST, Math.ceil(widest) + WordWrapCell.PADDING + 2));
    }

    private static Label section(String text) {
        Label l = new Label(text.toUpperCase());
        l.getStyleClass().add("section-label");
        return l;
    }

    /**
     * A column whose cells wrap long text onto several lines instead of cutting it off, only at word boundaries: a text
     * with a word wider than the column is cut with "…" on one line and whole in a tooltip ({@link WordWrapCell}).
     */
    private static TableColumn<QuestionItem, String> wrappingColumn(String name) {
        TableColumn<QuestionItem, String> column = new TableColumn<>(name);
        column.setCellFactory(WordWrapCell::new);
        return column;
    }
}
