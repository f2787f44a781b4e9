package org.sealworkbench.store;

import java.nio.file.Path;

/**
 * A write to a workspace that is open read-only (see {@link ExperimentLog#open}): refused before anything is written,
 * with the workspace folder named and why it is read-only. Nothing of the refused work is in the file.
 */
public final class ReadOnlyWorkspaceException extends StoreException {
    private final transient Path workspace;

    ReadOnlyWorkspaceException(Path workspace, String reason) {
        super(message(workspace, reason));
        this.workspace = workspace;
    }

    /** The workspace folder. */
    public Path workspace() {
        return workspace;
    }

    /** "DIR is open read-only (REASON): nothing was written; to change it, work on a copy of the folder". */
    static String message(Path workspace, String reason) {
        return "the workspace " + workspace + " is open read-only (" + reason + "): nothing was written; to change it, "
                + "work on a copy of the folder" + (reason.startsWith("this user") ? " or make it writable for this user" : "");
    }
}
