package org.sealworkbench.app;

import org.sealworkbench.llm.TestEngine;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

class MklCodePathTest {
    @BeforeAll
    static void setUp() {
        TestEngine.setUp();
    }

    @Test
    void theShimIsLoadedWhereItAppliesAndTheStatusSaysWhich() {
        String status = MklCodePath.install();
        assertSame(status, MklCodePath.install(), "installed once");
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean linuxX64 = os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
        boolean built = MklCodePath.class.getResource(MklCodePath.RESOURCE) != null;
        if (!linuxX64) {
            assertTrue(status.startsWith("vendor-based"), status);
        } else if (MklCodePath.cpuVendor().equals("GenuineIntel")) {
            assertEquals("MKL's own (Intel CPU)", status);
        } else if (built && !"off".equals(System.getenv(MklCodePath.SETTING))) {
            assertEquals("feature-based (" + MklCodePath.cpuVendor() + " CPU, shim loaded)", status);
        } else {
            assertTrue(status.startsWith("vendor-based"), status);
        }
    }

    /** Whatever kernels MKL picked, products equal a double-precision reference (shapes of seal-tiny's steps). */
    @Test
    void matrixProductsMatchAPlainJavaReference() {
        int[][] shapes = {{64, 256, 688}, {64, 688, 256}, {1, 256, 256}, {5, 256, 2048}, {37, 32, 64}};
        SplittableRandom r = new SplittableRandom(3);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] s : shapes) {
                int rows = s[0], inner = s[1], cols = s[2];
                float[] a = new float[rows * inner], b = new float[inner * cols];
                for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
                for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
                NDArray x = m.create(a, new Shape(rows, inner)), w = m.create(b, new Shape(inner, cols));
                float[] got = x.matMul(w).toFloatArray();
                float[] gotT = x.matMul(w.transpose().duplicate().transpose()).toFloatArray();   // the transposed (T,N) call
                double worst = 0;
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        double want = 0;
                        for (int k = 0; k < inner; k++) want += (double) a[i * inner + k] * b[k * cols + j];
                        double tol = 1e-5 * Math.sqrt(inner) * 4;
                        worst = Math.max(worst, Math.abs(got[i * cols + j] - want));
                        assertEquals(want, got[i * cols + j], tol, "product " + rows + "x" + inner + "x" + cols + " at " + i + "," + j);
                        assertEquals(want, gotT[i * cols + j], tol, "transposed product at " + i + "," + j);
                    }
                }
                assertTrue(worst > 0 || inner < 2, "a float32 product rounds somewhere");
            }
        }
    }
}
