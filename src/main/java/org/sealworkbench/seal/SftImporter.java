package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sealworkbench.data.DataFormatException;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.SftPair;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;

/**
 * Stores an SFT set's pairs as imported self-edits: the completion is the self-edit text, the prompt is kept
 * as its prompt. The passage is recovered from the prompt when it is one of SEAL's templates (title = the
 * line after "Passage:", context = the rest); a stored passage with that title and context is reused, else
 * one is added without questions. Pairs whose prompt is no SEAL template are skipped and said so.
 */
public final class SftImporter {
    private static final int MAX_NOTES = 10;

    private final ExperimentLog log;
    private final String fileName;
    private final String modelName;
    private final Runnable onPair;
    private Long modelId;
    int pairs;
    int passagesAdded;
    int passagesReused;
    int selfEditsAdded;
    int selfEditsReused;
    int skipped;
    final List<String> skipNotes = new ArrayList<>();

    public SftImporter(ExperimentLog log, String fileName, String modelName, Runnable onPair) {
        this.log = log;
        this.fileName = fileName;
        this.modelName = modelName == null || modelName.isBlank() ? RunResultsImporter.stem(fileName) : modelName.strip();
        this.onPair = onPair == null ? () -> {} : onPair;
    }

    public void pair(SftPair p) {
        pairs++;
        PromptTemplates.Parsed parsed = PromptTemplates.parse(p.prompt());
        if (parsed == null) {
            skipped++;
            if (skipNotes.size() < MAX_NOTES) {
                skipNotes.add("pair " + pairs + ": its prompt is not one of SEAL's self-edit templates; skipped");
            }
            onPair.run();
            return;
        }
        String tooLong = Passage.tooLong(parsed.title(), parsed.context());
        if (tooLong != null) {
            // as a malformed pair: the whole file is refused (nothing imported), naming the pair; the import names the file
            throw new java.io.UncheckedIOException(new DataFormatException("pair " + pairs + ": its prompt's passage is"
                    + " too long: " + tooLong));
        }
        if (modelId == null) modelId = log.findOrAddModel(modelName, null, modelName);
        Optional<Long> existing = log.findPassage(parsed.title(), parsed.context());
        long passageId;
        if (existing.isPresent()) {
            passagesReused++;
            passageId = existing.get();
        } else {
            passagesAdded++;
            passageId = log.addPassage(new Passage(parsed.title(), parsed.context(), List.of()), fileName);
        }
        if (log.findSelfEdit(passageId, modelId, p.completion()).isPresent()) {
            selfEditsReused++;
        } else {
            log.addSelfEdit(new NewSelfEdit(passageId, p.completion(), AuthorKind.IMPORT, modelId, null,
                    parsed.template().key(), p.prompt(), null, fileName));
            selfEditsAdded++;
        }
        onPair.run();
    }

    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add(pairs + " SFT pairs: each completion stored as a self-edit of \"" + modelName + "\" with its prompt; "
                + selfEditsAdded + " new, " + selfEditsReused + " already stored; passages recovered from the prompts: "
                + passagesAdded + " new (without questions), " + passagesReused + " already stored");
        notes.addAll(skipNotes);
        if (skipped > skipNotes.size()) notes.add("... and " + (skipped - skipNotes.size()) + " more skipped");
        return notes;
    }

    public int passagesAdded() {
        return passagesAdded;
    }

    public int selfEditsAdded() {
        return selfEditsAdded;
    }

    public int skipped() {
        return skipped;
    }
}
