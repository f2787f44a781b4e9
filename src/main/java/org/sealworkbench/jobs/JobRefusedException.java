package org.sealworkbench.jobs;

/**
 * A request its job refuses as it stands, whatever it finds stored: e.g. a few-shot RL round whose tasks' self-edit
 * prompts leave no room in the generator's context ({@link ArcRlJob.PromptsTooLong}). The same request is refused again
 * each time it runs, so a job row it ends is {@link Jobs#REFUSED}, not "failed", and is never offered for resume. An
 * {@link IllegalArgumentException}, as the jobs' other input errors are.
 */
public class JobRefusedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JobRefusedException(String message) {
        super(message);
    }

    /** The refusal in one short line, for a status bar (the whole message is for a dialog): its message's first line. */
    public String summary() {
        String m = getMessage() == null ? "" : getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
