package org.sealworkbench.jobs.annotate;

/** Choices the task builder offers: a passage with its self-edit count, an author with theirs. */
public final class Options {
    private Options() {}

    public record PassageOption(long id, String title, int selfEdits) {
        @Override
        public String toString() {
            return title + " (" + selfEdits + " self-edits)";
        }
    }

    public record AuthorOption(String author, int selfEdits) {
        @Override
        public String toString() {
            return author + " (" + selfEdits + ")";
        }
    }
}
