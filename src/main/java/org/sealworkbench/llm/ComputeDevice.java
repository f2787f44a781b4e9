package org.sealworkbench.llm;

import ai.djl.Device;

/**
 * Where the engine computes: the CPU, or GPU number {@code index}. The engine's own name for a device, so that
 * the layers above it ({@code seal}, {@code jobs}, {@code cli}, {@code ui}) choose and pass a device without
 * naming DJL; {@link Devices#pick()} gives the one to use.
 */
public record ComputeDevice(Kind kind, int index) {
    public enum Kind { CPU, GPU }

    public static final ComputeDevice CPU = new ComputeDevice(Kind.CPU, -1);

    public ComputeDevice {
        if (kind == null) throw new IllegalArgumentException("device kind is null");
        if (kind == Kind.CPU && index != -1) throw new IllegalArgumentException("the CPU has no index, got " + index);
        if (kind == Kind.GPU && index < 0) throw new IllegalArgumentException("GPU index must be 0 or more, got " + index);
    }

    public static ComputeDevice gpu(int index) {
        return new ComputeDevice(Kind.GPU, index);
    }

    public boolean isGpu() {
        return kind == Kind.GPU;
    }

    /** DJL's device, for the engine's own packages. */
    public Device toDjl() {
        return isGpu() ? Device.gpu(index) : Device.cpu();
    }

    /** The engine's name of a DJL device (CPU or GPU only). */
    public static ComputeDevice of(Device d) {
        if (d.isGpu()) return gpu(d.getDeviceId());
        if (Device.Type.CPU.equals(d.getDeviceType())) return CPU;
        throw new IllegalArgumentException("unsupported device " + d);
    }

    /** As DJL writes it: "cpu()" or "gpu(0)". */
    @Override
    public String toString() {
        return toDjl().toString();
    }
}
