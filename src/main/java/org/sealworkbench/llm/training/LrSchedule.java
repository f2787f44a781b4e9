package org.sealworkbench.llm.training;

/**
 * Learning-rate schedules with linear warmup, with Hugging Face transformers' formulas
 * (get_constant_schedule_with_warmup, get_linear_schedule_with_warmup, get_cosine_schedule_with_warmup
 * with half a cycle). {@code step} is the 0-based index of the optimizer step about to be taken, so with
 * warmup the first step runs at lr 0, exactly as HF's LambdaLR does.
 */
public record LrSchedule(Kind kind, double baseLr, long warmupSteps, long totalSteps) {
    public enum Kind { CONSTANT, LINEAR, COSINE }

    public LrSchedule {
        if (warmupSteps < 0 || totalSteps < 0) throw new IllegalArgumentException("negative step counts");
    }

    public static Kind parseKind(String s) {
        return switch (s.toLowerCase()) {
            case "constant" -> Kind.CONSTANT;
            case "linear" -> Kind.LINEAR;
            case "cosine" -> Kind.COSINE;
            default -> throw new IllegalArgumentException("unknown schedule \"" + s + "\" (constant, linear, cosine)");
        };
    }

    public double lr(long step) {
        return baseLr * factor(step);
    }

    public double factor(long step) {
        if (step < warmupSteps) return (double) step / Math.max(1, warmupSteps);
        return switch (kind) {
            case CONSTANT -> 1.0;
            case LINEAR -> Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
            case COSINE -> {
                double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
                yield Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * 2.0 * 0.5 * progress)));
            }
        };
    }
}
