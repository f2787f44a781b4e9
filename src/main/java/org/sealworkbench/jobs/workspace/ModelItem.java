package org.sealworkbench.jobs.workspace;

import java.nio.file.Path;

/**
 * A model the generate form can pick: the bundled one, a checkpoint folder, or a version recorded in the
 * workspace (an RL round's output, with the model it was trained from in {@code lineage}).
 *
 * @param id      its row in the workspace, null when it has none yet
 * @param lineage "seal-tiny -> round-1 -> round-2", or the name alone
 */
public record ModelItem(Long id, String name, Path dir, String family, String lineage) {
    @Override
    public String toString() {
        return lineage.equals(name) ? name : name + " (" + lineage + ")";
    }
}
