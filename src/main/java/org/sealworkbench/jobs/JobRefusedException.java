package org.sealworkbench.jobs;

import org.sealworkbench.util.Refusal;

/**
 * A request its job refuses as it stands, whatever it finds stored: e.g. a few-shot RL round whose tasks' self-edit
 * prompts leave no room in the generator's context ({@link ArcRlJob.PromptsTooLong}). The same request is refused again
 * each time it runs, so a job row it ends is {@link Jobs#REFUSED}, not "failed", and is never offered for resume. An
 * {@link IllegalArgumentException}, as the jobs' other input errors are; the method's own refusals
 * ({@code seal.ContextFit}) are {@link Refusal}s too and end a job the same way ({@link SealJobRun}).
 */
public class JobRefusedException extends Refusal {
    private static final long serialVersionUID = 1L;

    public JobRefusedException(String message) {
        super(message);
    }
}
