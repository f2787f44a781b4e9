package org.sealworkbench.app;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Loads the MKL code-path shim before every test class (registered for all tests through
 * META-INF/services and junit-platform.properties), so that the test JVM and any JVM a test starts use the same
 * matrix kernels whichever test class runs first: MKL picks its kernels once, at the first product, and a test
 * that starts the engine without {@link Offline#enforce()} would otherwise decide for the rest of the run (the
 * kill-and-resume tests compare losses bit for bit across JVMs).
 */
public final class MklKernelsForEveryTest implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        MklCodePath.install();
    }
}
