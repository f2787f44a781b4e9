package org.sealworkbench.data;

/** Receives the records of a file one at a time as a reader streams through it. */
public interface DataVisitor {
    void passage(Passage passage);

    void selfEdits(GeneratedSelfEdits edits);

    /** Something in the file that was deliberately not imported (e.g. an unanswerable SQuAD question). */
    default void skipped(String what) {}

    /** Something the reader could not rule out but that did not stop the read (e.g. a JSONL file cut at a line end). */
    default void warning(String message) {}
}
