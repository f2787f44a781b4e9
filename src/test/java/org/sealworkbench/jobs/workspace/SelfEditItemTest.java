package org.sealworkbench.jobs.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A self-edit's picker line and its shorter forms, whole first, each dropping one part, none repeated. */
class SelfEditItemTest {
    private static final Instant WHEN = Instant.parse("2026-12-04T20:10:00Z");
    private static final String DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault()).format(WHEN);

    @Test
    void aModelsSampleGoesFromTheWholeLineDownToItsId() {
        SelfEditItem e = new SelfEditItem(12, 1, "text", SelfEditItem.Author.MODEL, "seal-tiny", null, "implications",
                "T 1.0 · top-p 0.95", WHEN, 0.4);
        assertEquals(List.of(
                "#12 · seal-tiny (model) · implications · T 1.0 · top-p 0.95 · " + DATE + " · reward 40.0 %",
                "#12 · seal-tiny (model) · implications · T 1.0 · top-p 0.95 · reward 40.0 %",
                "#12 · seal-tiny (model) · implications · reward 40.0 %",
                "#12 · seal-tiny · implications · reward 40.0 %",
                "#12 · seal-tiny · reward 40.0 %",
                "#12 · seal-tiny",
                "#12 · model",
                "#12"), e.labels());
        assertEquals(e.labels().get(0), e.label());
        assertEquals("#12 · seal-tiny (model) · implications · reward 40.0 %", e.brief());
    }

    @Test
    void partsAnItemLacksDropNoForm() {
        SelfEditItem e = new SelfEditItem(3, 1, "text", SelfEditItem.Author.HUMAN_EDIT, null, 2L, null, "", null, null);
        assertEquals(List.of("#3 · human edit", "#3"), e.labels());
        SelfEditItem imported = new SelfEditItem(1, 1, "text", SelfEditItem.Author.IMPORT, "hand-written (example)", null, null,
                "T 1.0", WHEN, null);
        assertEquals(List.of("#1 · hand-written (example) (import) · T 1.0 · " + DATE, "#1 · hand-written (example) (import) · T 1.0",
                "#1 · hand-written (example) (import)", "#1 · hand-written (example)", "#1 · hand-written", "#1 · import", "#1"), imported.labels());
    }
}
