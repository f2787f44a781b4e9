package org.sealworkbench.store;

import java.time.Instant;

/**
 * A closed-book answer to a question; runId is null for an answer of an unadapted model. {@code finish}: how its generation
 * stopped ("eos", "max_tokens", "context"), null when not recorded (stored before schema step 11, or imported);
 * {@code finishLimit}: the limit that cut it in tokens (the new-token limit, the model's context), null when none did.
 */
public record AnswerRecord(long id, long questionId, Long runId, String condition, String text, Instant created,
                           String finish, Integer finishLimit) {}
