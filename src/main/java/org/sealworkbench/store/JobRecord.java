package org.sealworkbench.store;

import java.time.Instant;

/**
 * A recorded job (import, generation, inner loop, ...) so the GUI can show and re-attach to it.
 *
 * @param requestJson the request the job was built from (jobs.RequestJson), from which it can be resumed; null for
 *                    jobs recorded before requests were stored
 */
public record JobRecord(long id, String kind, String paramsJson, String status, double progress, String message,
                        Instant created, Instant updated, String requestJson) {}
