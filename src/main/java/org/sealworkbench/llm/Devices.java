package org.sealworkbench.llm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;

/**
 * Which device the engine runs on. CPU always works (natives from the bundled pytorch-native-cpu
 * jar); CUDA is used only when DJL's engine reports a GPU, which needs CUDA natives of the matching
 * PyTorch version (PYTORCH_LIBRARY_PATH pointing at a CUDA libtorch, or DJL's one-time download when
 * the user opts in). SEAL_DEVICE=cpu forces the CPU; SEAL_DEVICE=gpu insists on a GPU. SEAL_BASE_DTYPE
 * chooses the dtype of the frozen base weights (see {@link #baseDataType}).
 */
public final class Devices {
    private Devices() {}

    public static final String DEVICE_SETTING = "SEAL_DEVICE";
    /** PyTorch intra-op threads; on a shared machine 1 avoids OpenMP stalls (default: DJL's, one per core). */
    public static final String THREADS_SETTING = "SEAL_THREADS";
    /** Dtype of the frozen base weights: f16 or f32 (default: f16 on a GPU, f32 on the CPU). */
    public static final String BASE_DTYPE_SETTING = "SEAL_BASE_DTYPE";

    /** CUDA device 0 if the engine reports a GPU (and the setting allows it), else the CPU. */
    public static ComputeDevice pick() {
        return ComputeDevice.of(pickDjl());
    }

    private static Device pickDjl() {
        engine();
        applyThreads();
        String want = setting(DEVICE_SETTING);
        if ("cpu".equals(want)) return Device.cpu();
        int gpus = gpuCount();
        if ("gpu".equals(want) && gpus == 0) {
            throw new IllegalStateException(DEVICE_SETTING + "=gpu but DJL finds no GPU (" + Engine.getInstance().getEngineName()
                    + " natives in use: " + nativesPath() + "); install CUDA natives of PyTorch " + Engine.getInstance().getVersion()
                    + " and set PYTORCH_LIBRARY_PATH, or use the CPU");
        }
        if (want != null && !want.isEmpty() && !want.equals("gpu") && !want.equals("auto")) {
            throw new IllegalStateException(DEVICE_SETTING + " must be cpu, gpu or auto, got \"" + want + "\"");
        }
        return gpus > 0 ? Device.gpu() : Device.cpu();
    }

    /**
     * The PyTorch engine, started once. A failure to load its natives (typically a wrong
     * PYTORCH_LIBRARY_PATH) becomes one message that says where the natives were looked for.
     */
    public static Engine engine() {
        String custom = System.getenv("PYTORCH_LIBRARY_PATH");
        if (custom != null && !custom.isBlank()
                && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(custom, "libtorch.so"))) {
            throw new IllegalStateException("PYTORCH_LIBRARY_PATH=" + custom
                    + " has no libtorch.so: point it at the lib folder of a PyTorch 2.7.1 install (see docs/gpu.md)");
        }
        try {
            return Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            String where = custom != null ? "PYTORCH_LIBRARY_PATH=" + custom + " (PYTORCH_VERSION="
                    + System.getenv("PYTORCH_VERSION") + ", PYTORCH_FLAVOR=" + System.getenv("PYTORCH_FLAVOR") + ")"
                    : "the bundled pytorch-native-cpu jar";
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            throw new IllegalStateException("PyTorch natives could not be loaded from " + where + ": "
                    + root.getMessage() + " (see docs/gpu.md)", e);
        }
    }

    /** As {@link #baseDataType(Device)}. */
    public static DataType baseDataType(ComputeDevice device) {
        return baseDataType(device.toDjl());
    }

    /**
     * The dtype base weights are loaded in on {@code device}: SEAL_BASE_DTYPE (f32 or f16, env or system
     * property) when set, else F16 on a GPU (half the memory, tensor cores) and F32 on the CPU, where F16
     * matrix products are much slower. Never BF16: DJL 0.35's PyTorch JNI aborts the JVM on BF16 arrays.
     */
    public static DataType baseDataType(Device device) {
        String v = setting(BASE_DTYPE_SETTING);
        if (v == null || v.isEmpty() || v.equals("auto")) return device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
        return switch (v) {
            case "f32", "fp32", "float32" -> DataType.FLOAT32;
            case "f16", "fp16", "float16" -> DataType.FLOAT16;
            case "bf16", "bfloat16" -> throw new IllegalStateException(BASE_DTYPE_SETTING
                    + "=bf16 is not supported: DJL 0.35's PyTorch JNI aborts on BF16 arrays; use f16 or f32");
            default -> throw new IllegalStateException(BASE_DTYPE_SETTING + " must be f32, f16 or auto, got \"" + v + "\"");
        };
    }

    /** "F32" / "F16", as the docs and the CLI name them. */
    public static String dtypeName(DataType t) {
        return switch (t) {
            case FLOAT32 -> "F32";
            case FLOAT16 -> "F16";
            default -> t.toString();
        };
    }

    /** GPUs the engine can use; 0 on a CPU-only build of the natives. */
    public static int gpuCount() {
        return Engine.getInstance().getGpuCount();
    }

    /** One line for the GUI/CLI: engine, device, natives and threads. */
    public static String describe() {
        Engine e = engine();
        Device d = pickDjl();
        return e.getEngineName() + " " + e.getVersion() + " (DJL " + Engine.getDjlVersion() + ") on " + d
                + (d.isGpu() ? " [" + gpuCount() + " GPU(s)]" : "")
                + ", " + JniUtils.getNumThreads() + " threads" + (explicitThreads() ? "" : " (1 for a model under 50M parameters)")
                + ", base weights " + dtypeName(baseDataType(d))
                + ", natives " + nativesPath() + ", MKL kernels " + org.sealworkbench.app.MklCodePath.status()
                + ", " + processSettings(System.getenv());
    }

    /**
     * The process environment the engine's speed depends on, which only a launcher can set (libgomp and glibc read it
     * when the process starts): {@code ./seal} and the installed commands export both. OpenMP threads that spin at their
     * barriers stall every small op while another process holds a core (0.5B decode 5.8x its matmul time with spinning,
     * 1.07x passive, on this project's shared 2-core machine). glibc's malloc hands the top of a thread's heap back to the
     * system whenever it is freed and takes it again at the next step, a page fault per touched page: with the trim
     * threshold at 1 GiB and allocations below 32 MiB kept out of mmap (the ceiling of glibc's own sliding threshold), a
     * loop of seal-tiny decode steps took 4-7x fewer page faults and a third of the system time, and its warm median step
     * fell from 1.0-1.4 ms to 0.9-1.0 ms (session 14); peak resident memory of 64 batched inner loops rose from about
     * 1.0 to 1.1 GB.
     */
    public static String processSettings(java.util.Map<String, String> env) {
        String omp = env.get("OMP_WAIT_POLICY");
        String trim = env.get("MALLOC_TRIM_THRESHOLD_");
        return "OpenMP waiting " + (omp == null ? "spin (libgomp's default; OMP_WAIT_POLICY=PASSIVE is faster on a shared machine)"
                : omp.toLowerCase(java.util.Locale.ROOT))
                + ", malloc trim threshold " + (trim == null ? "glibc's default (MALLOC_TRIM_THRESHOLD_ unset)" : trim + " bytes");
    }

    /** Where the libtorch in use lives (the extracted CPU jar, or PYTORCH_LIBRARY_PATH). */
    public static String nativesPath() {
        try {
            return LibUtils.getLibtorchPath();
        } catch (RuntimeException | LinkageError ex) {
            return "unknown (" + ex.getMessage() + ")";
        }
    }

    /**
     * Below this many parameters a CPU model runs on one intra-op thread unless SEAL_THREADS says otherwise. Its ops
     * are too small to split: each parallel op wakes a sleeping worker first (OMP_WAIT_POLICY=PASSIVE), which costs
     * more than the half of the op it takes over. Measured on seal-tiny (3.4M), 2-core AMD EPYC, medians of one run
     * each (session 10): LoRA training 3,311-3,487 tokens/s on 2 threads, 4,438-4,936 on 1; decoding at batch 1
     * 1.70-1.85 ms per token on 2, 1.38-1.45 on 1; inner loops per minute 63 / 107 (one at a time / batched 16) on
     * 2, 70 / 112 on 1, at half the CPU time. The 0.5B shape's products are big enough to gain from every core.
     */
    public static final long SMALL_MODEL_PARAMETERS = 50_000_000L;
    private static int engineThreads = -1;   // the engine's own count (DJL's default: one per core), seen first

    /**
     * Fits PyTorch's intra-op threads to a CPU model just loaded: one below {@link #SMALL_MODEL_PARAMETERS}, else the
     * engine's default; SEAL_THREADS, when set, always wins. The count is process-wide, so the last model loaded
     * decides it. Returns the count in force.
     */
    public static synchronized int fitThreads(long parameters) {
        if (explicitThreads()) {
            useThreadsHere();
            return JniUtils.getNumThreads();
        }
        if (engineThreads < 0) engineThreads = JniUtils.getNumThreads();
        int want = parameters < SMALL_MODEL_PARAMETERS ? 1 : engineThreads;
        intended = want;
        appliedHere.set(0);
        useThreadsHere();
        return want;
    }

    private static volatile int intended;                                  // 0: none chosen (the engine's default)
    private static final ThreadLocal<Integer> appliedHere = ThreadLocal.withInitial(() -> 0);

    /**
     * Gives this thread the intra-op thread count chosen for the process ({@link #fitThreads}, SEAL_THREADS). PyTorch
     * keeps the count per thread (OpenMP's and MKL's settings are thread-local), while {@code getNumThreads} answers
     * the same everywhere: a thread that never set it ran its matmuls on one OpenMP thread per core whatever the
     * process had chosen. Measured on this 2-core machine (a [640, 256] x [256, 688] product): 90 GFLOP/s on the
     * thread that set 1, 169 on a new thread of the same process (both cores), 89 once that thread set it too (plain
     * DJL; with the workbench's MKL kernels on this AMD CPU, {@code MklCodePath}: 191-203, 345-363, 192-200). So the
     * workers, each meant to use one core, used two each, and the CLI's main thread kept two whenever an earlier call
     * had already set the count on another thread. {@code LlamaModel} calls this before every pass (a thread-local
     * read when nothing changed).
     */
    public static void useThreadsHere() {
        int n = intended;
        if (n > 0 && appliedHere.get() != n) {
            JniUtils.setNumThreads(n);
            appliedHere.set(n);
        }
    }

    /** Batches (of inner loops, of self-edit samples) computed at once on threads of their own (issue 19); default: as many as the cores PyTorch's threads leave. */
    public static final String WORKERS_SETTING = "SEAL_WORKERS";

    /**
     * How many batches of inner loops (or of self-edit generation) run at once, each on a worker thread with a replica of the model
     * ({@code LlamaModel.replica()}): SEAL_WORKERS when set, else 1 on a GPU, else the cores that PyTorch's intra-op
     * threads leave free ({@link #fitThreads}' count into the engine's default of one per core): on this 2-core
     * machine 2 for seal-tiny (1 intra-op thread each) and 1 for a 0.5B model (2 intra-op threads). A small model's ops
     * are too small to split across cores, but two batches side by side keep both cores busy: batched training on
     * seal-tiny went from 4,221-4,798 to 8,983-9,704 tokens/s with 2 workers (session 11, /tmp/s11/ProfPar).
     */
    public static synchronized int workers(boolean gpu) {
        Integer set = positiveSetting(WORKERS_SETTING);
        if (set != null) return set;
        if (gpu) return 1;
        int cores = engineThreads > 0 ? engineThreads : Runtime.getRuntime().availableProcessors();
        return Math.max(1, cores / Math.max(1, JniUtils.getNumThreads()));
    }

    /** {@link #workers(boolean)} for the device {@code model} is on. */
    public static int workers(org.sealworkbench.llm.model.LlamaModel model) {
        return workers(model.device().isGpu());
    }

    /** PyTorch's intra-op threads now. */
    public static int threads() {
        return JniUtils.getNumThreads();
    }

    private static boolean explicitThreads() {
        String v = setting(THREADS_SETTING);
        return v != null && !v.isEmpty();
    }

    /** Applies SEAL_THREADS (if set) to PyTorch's intra-op thread pool. */
    public static void applyThreads() {
        Integer n = positiveSetting(THREADS_SETTING);
        if (n == null) return;
        Engine.getInstance();
        intended = n;
        appliedHere.set(0);
        useThreadsHere();
    }

    /** A setting that must be a whole number of at least 1, or null when it is not set. */
    private static Integer positiveSetting(String name) {
        String v = setting(name);
        if (v == null || v.isEmpty()) return null;
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a positive integer, got \"" + v + "\"");
        }
        if (n < 1) throw new IllegalStateException(name + " must be a positive integer, got " + n);
        return n;
    }

    private static String setting(String name) {
        String v = System.getProperty(name);
        if (v == null) v = System.getenv(name);
        return v == null ? null : v.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
