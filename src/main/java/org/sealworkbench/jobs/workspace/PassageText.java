package org.sealworkbench.jobs.workspace;

import java.util.List;

/** A passage as the window shows it: title, context and its questions in order. */
public record PassageText(long id, String title, String context, List<QuestionItem> questions) {
    public PassageText {
        questions = List.copyOf(questions);
    }
}
