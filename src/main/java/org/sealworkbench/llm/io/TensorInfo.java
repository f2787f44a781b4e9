package org.sealworkbench.llm.io;

import java.util.Arrays;

/**
 * One tensor entry of a safetensors header. {@code begin}/{@code end} are byte offsets relative to the
 * start of the data section (the byte after the JSON header), as the format defines them.
 */
public record TensorInfo(String name, String dtype, long[] shape, long begin, long end) {

    /** Number of elements: the product of the shape (1 for a scalar, shape []). */
    public long numel() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    public long byteLength() {
        return end - begin;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
