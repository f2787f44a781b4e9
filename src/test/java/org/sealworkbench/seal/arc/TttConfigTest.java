package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TttConfigTest {
    private static final String GOOD = """
            {
              "data_generation": {
                "use_basic_augmentations": true,
                "use_size_augmentations": false,
                "use_chain_augmentations": true,
                "use_repeat_augmentations": false
              },
              "training": {
                "strategy": "train_using_output_tokens",
                "learning_rate": 1e-4,
                "num_train_epochs": 2
              }
            }""";

    @Test
    void readsSealsConfig() {
        TttConfig c = TttConfig.parse(GOOD).config().orElseThrow();
        assertEquals(TttConfig.of(true, false, true, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-4, 2), c);
        assertTrue(c.trains());
        assertTrue(c.remarks().isEmpty());
        // what toJson writes reads back as the same config
        assertEquals(c, TttConfig.parse(c.toJson()).config().orElseThrow());
        assertEquals("aug bc · output tokens · lr 1.0E-4 · 2 ep", c.shortForm());
    }

    @Test
    void whatIsNotOneJsonObjectIsNoConfig() {
        for (String bad : new String[] {"", "sure! here it is", "{\"data_generation\": {}", GOOD + " thanks",
                "[1, 2]", "{\"training\": {}}", "{\"data_generation\": {}}",
                "{\"data_generation\": 1, \"training\": {}}"}) {
            TttConfig.Parsed p = TttConfig.parse(bad);
            assertTrue(p.config().isEmpty(), bad);
            assertFalse(p.problem().isEmpty(), bad);
        }
    }

    @Test
    void aBadSwitchMeansNoAugmentationAndNoTraining() {
        TttConfig c = TttConfig.parse(GOOD.replace("\"use_size_augmentations\": false",
                "\"use_size_augmentations\": \"no\"")).config().orElseThrow();
        assertFalse(c.basic() || c.size() || c.chain() || c.repeat());
        assertFalse(c.trains());
        assertEquals(1, c.remarks().size());
    }

    @Test
    void aBadTrainingPartMeansNoTrainingButKeepsTheSwitches() {
        for (String broken : new String[] {
                GOOD.replace("train_using_output_tokens", "train_on_everything"),
                GOOD.replace("\"learning_rate\": 1e-4", "\"learning_rate\": \"1e-4\""),
                GOOD.replace("\"num_train_epochs\": 2", "\"num_train_epochs\": 2.5"),
                GOOD.replace("\"num_train_epochs\": 2", "\"num_train_epochs\": -1"),
                GOOD.replace(",\n    \"num_train_epochs\": 2", "")}) {
            TttConfig c = TttConfig.parse(broken).config().orElseThrow(() -> new AssertionError(broken));
            assertFalse(c.trains(), broken);
            assertTrue(c.basic() && c.chain(), broken);
            assertEquals(1, c.remarks().size(), broken);
        }
    }
}
