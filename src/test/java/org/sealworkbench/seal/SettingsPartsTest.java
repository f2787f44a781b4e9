package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.llm.training.LrSchedule;

class SettingsPartsTest {
    @Test
    void scheduleIsAnEnumStoredUnderItsOldName() {
        InnerLoopSettings d = InnerLoopSettings.defaults();
        assertEquals(LrSchedule.Kind.LINEAR, d.schedule());
        assertEquals("linear", d.lrSchedule());
        assertEquals(LrSchedule.Kind.COSINE, TrainingSettings.schedule("cosine"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingSettings.schedule("warm"));
        assertTrue(e.getMessage().contains("linear, cosine or constant"), e.getMessage());
        String bad = Presets.reference().toJson().replace("\"lrSchedule\":\"linear\"", "\"lrSchedule\":\"warm\"");
        e = assertThrows(IllegalArgumentException.class, () -> SealSettings.fromJson(bad));
        assertTrue(e.getMessage().startsWith("not a valid settings snapshot") && e.getMessage().contains("warm"), e.getMessage());
    }

    @Test
    void paddingModeFollowsTheSequenceRules() {
        assertEquals(SequenceRules.Padding.IN_LOSS, Presets.reference().innerLoop().sequences().padding());
        assertEquals(SequenceRules.Padding.NONE, Presets.sealTinyCpu().innerLoop().sequences().padding());
        assertEquals(SequenceRules.Padding.MASKED, new SequenceRules(64, false, true, 0).padding());
    }

    @Test
    void overridesReplaceOnlyWhatWasGiven() {
        SealSettings tiny = Presets.sealTinyCpu();
        assertEquals(tiny, new SettingsOverrides().apply(tiny));
        SealSettings s = new SettingsOverrides().loraRank(4).targetModules(InnerLoopSettings.QV).rounds(7).rlK(2).k(9).grader("exact_match")
                .apply(tiny);
        assertEquals(4, s.innerLoop().loraRank());
        assertEquals(InnerLoopSettings.QV, s.innerLoop().targetModules());
        assertEquals(tiny.innerLoop().training(), s.innerLoop().training());
        assertEquals(7, s.rl().rounds());
        assertEquals(2, s.rl().k());
        assertEquals(tiny.rl().sft(), s.rl().sft());
        assertEquals(9, s.generation().k());
        assertEquals("exact_match", s.eval().grader());
        assertEquals(List.copyOf(tiny.rl().sftTargetModules()), s.rl().sft().lora().targetModules());
    }
}
