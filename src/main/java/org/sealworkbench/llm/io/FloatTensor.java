package org.sealworkbench.llm.io;

import java.util.Arrays;

/** A dense row-major float tensor held on the Java heap; the unit the safetensors writer takes. */
public record FloatTensor(long[] shape, float[] data) {
    public FloatTensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
                    + " elements but data has " + data.length);
        }
    }
}
