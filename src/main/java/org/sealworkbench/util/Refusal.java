package org.sealworkbench.util;

/**
 * Work refused as its request stands, before it did anything, whatever is stored: e.g. passages whose self-edit prompt
 * leaves no room in the model's context. The same request is refused again each time it runs, so a job it ends is
 * "refused", not "failed", and is never offered for resume ({@code jobs.JobRefusedException} is the jobs' kind). An
 * {@link IllegalArgumentException}, as the other input errors are. Here, not in {@code jobs}, so that the method's code
 * ({@code seal}) can refuse too.
 */
public class Refusal extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public Refusal(String message) {
        super(message);
    }

    /** The refusal in one short line, for a status bar (the whole message is for a dialog): its message's first line. */
    public String summary() {
        String m = getMessage() == null ? "" : getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
