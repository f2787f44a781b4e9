package org.sealworkbench.seal;

import java.util.List;

/**
 * A fresh LoRA adapter's shape: rank, alpha, dropout and the projections it wraps (SEAL.md section 1). One part of
 * {@link InnerLoopSettings} and of ReST-EM's SFT ({@link RlSettings.Sft}).
 */
public record LoraSettings(int rank, double alpha, double dropout, List<String> targetModules) {
    public LoraSettings {
        targetModules = List.copyOf(targetModules);
        if (rank < 1) throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
        if (targetModules.isEmpty()) throw new IllegalArgumentException("LoRA needs at least one target module");
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("LoRA dropout must be in [0, 1)");
    }
}
