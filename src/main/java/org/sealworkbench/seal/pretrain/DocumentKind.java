package org.sealworkbench.seal.pretrain;

/** The kinds of document in the pretraining corpus. */
public enum DocumentKind {
    /** {@code title\ncontext}: one rendering of a pretraining entity's passage. */
    PASSAGE("passage"),
    /** A closed-book question in SEAL's answering template, followed by its gold answer. */
    QA("qa"),
    /** SEAL's implications prompt for a passage, followed by a list of implications of uneven quality. */
    SELF_EDIT_DEMO("self-edit-demo"),
    /** SEAL's self-qa prompt for a passage, followed by question-answer pairs of uneven quality. */
    SELF_QA_DEMO("self-qa-demo"),
    /** {@code title\nsentence}: one fact restated with the full name, the shape of a SEAL training sequence. */
    RESTATEMENT("restatement"),
    /**
     * A passage, a blank line, then closed-book-style questions about it with their answers: reading
     * comprehension, which teaches the model to look answers up in its context (SEAL's in-context upper bound
     * and the copying that good self-edits need).
     */
    READING("reading"),
    /**
     * SEAL's rewrite prompt answered with the passage verbatim, then in its explicit-name form: dense exact
     * copying, so that the attention heads that copy from context form early.
     */
    REWRITE_DEMO("rewrite-demo"),
    /** {@value WorldCorpus#DRILL_HEADER}, a list of names and values, then the same list: nothing but copying. */
    COPY_DRILL("copy-drill");

    private final String label;

    DocumentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
