package org.sealworkbench.llm;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.sealworkbench.app.Offline;

/**
 * Test set-up for engine tests: offline DJL, and one PyTorch intra-op thread. The test models are
 * tiny, and on a shared 2-core machine a second OpenMP thread only adds stalls (every small op waits
 * for a descheduled worker); results do not depend on the thread count.
 */
public final class TestEngine {
    private TestEngine() {}

    public static void setUp() {
        Offline.enforce();
        Engine.getInstance();
        JniUtils.setNumThreads(1);
    }
}
