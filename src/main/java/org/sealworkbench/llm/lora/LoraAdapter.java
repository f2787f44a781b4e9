package org.sealworkbench.llm.lora;

import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensors;
import org.sealworkbench.llm.io.SafeTensorsWriter;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.FlatParameters;
import org.sealworkbench.llm.model.Linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A named LoRA adapter over some of a model's projections, in PEFT's format on disk:
 * {@code adapter_config.json} + {@code adapter_model.safetensors} with keys
 * {@code base_model.model.<module>.lora_A.weight} [r, in] and {@code ...lora_B.weight} [out, r].
 * Attaching adds its layers to the projections' delta lists; detaching removes them, so several adapters
 * can be loaded at once and switched by name (see {@link AdapterSet}).
 */
public final class LoraAdapter implements AutoCloseable {
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    private static final String PREFIX = "base_model.model.";

    private final String name;
    private final LoraConfig config;
    private final Map<String, LoraLayer> layers;       // by module name, model order
    private final FlatParameters flat;                 // every layer's A then B, views of one buffer in parameters() order
    private final List<Linear> attachedTo = new ArrayList<>();

    private LoraAdapter(String name, LoraConfig config, Map<String, LoraLayer> layers, FlatParameters flat) {
        this.name = name;
        this.config = config;
        this.layers = layers;
        this.flat = flat;
    }

    /**
     * Lays the layers' A and B out as views of one buffer, module by module and A before B ({@link #parameters()}' order),
     * so that an optimizer can update the whole adapter with one op ({@link #flatParameters()}).
     */
    private static LoraAdapter laidOut(String name, LoraConfig config, Map<String, float[][]> ab, Map<String, Shape[]> shapes,
                                       Map<String, Linear> linears, NDManager manager) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, Shape> shapeOf = new LinkedHashMap<>();
        for (var e : ab.entrySet()) {
            String module = e.getKey();
            values.put(PREFIX + module + ".lora_A.weight", e.getValue()[0]);
            values.put(PREFIX + module + ".lora_B.weight", e.getValue()[1]);
            shapeOf.put(PREFIX + module + ".lora_A.weight", shapes.get(module)[0]);
            shapeOf.put(PREFIX + module + ".lora_B.weight", shapes.get(module)[1]);
        }
        ai.djl.Device device = linears.get(ab.keySet().iterator().next()).weight().getDevice();
        FlatParameters flat = FlatParameters.of(values, shapeOf, manager, device);
        Map<String, LoraLayer> layers = new LinkedHashMap<>();
        for (String module : ab.keySet()) {
            layers.put(module, new LoraLayer(module, flat.views().get(PREFIX + module + ".lora_A.weight"),
                    flat.views().get(PREFIX + module + ".lora_B.weight"), config.scale(), config.dropout()));
        }
        return new LoraAdapter(name, config, layers, flat);
    }

    /**
     * A fresh adapter with PEFT's initialisation: A Kaiming-uniform with a = sqrt(5) as torch.nn.Linear,
     * i.e. U(-1/sqrt(in), 1/sqrt(in)); B zero, so the adapted model starts equal to the base model.
     */
    public static LoraAdapter create(String name, Map<String, Linear> linears, LoraConfig config, long seed, NDManager manager) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, float[][]> ab = new LinkedHashMap<>();
        Map<String, Shape[]> shapes = new LinkedHashMap<>();
        for (var e : linears.entrySet()) {
            if (!config.targets(e.getKey())) continue;
            Linear lin = e.getValue();
            int in = lin.inFeatures(), out = lin.outFeatures(), r = config.r();
            double bound = 1.0 / Math.sqrt(in);   // gain sqrt(2/(1+5)) * sqrt(3/in)
            float[] a = new float[r * in];
            for (int i = 0; i < a.length; i++) a[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            ab.put(e.getKey(), new float[][] {a, new float[out * r]});
            shapes.put(e.getKey(), new Shape[] {new Shape(r, in), new Shape(out, r)});
        }
        if (ab.isEmpty()) {
            throw new IllegalArgumentException("LoRA targets " + config.describeTargets() + " match no projection of the model");
        }
        return laidOut(name, config, ab, shapes, linears, manager);
    }

    public String name() {
        return name;
    }

    public LoraConfig config() {
        return config;
    }

    public Map<String, LoraLayer> layers() {
        return layers;
    }

    /** Trainable tensors keyed by their PEFT names. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (LoraLayer l : layers.values()) {
            out.put(PREFIX + l.module() + ".lora_A.weight", l.loraA());
            out.put(PREFIX + l.module() + ".lora_B.weight", l.loraB());
        }
        return out;
    }

    /** {@link #parameters()} as views of one buffer, in that map's order (an optimizer's single-op update, issue 19). */
    public FlatParameters flatParameters() {
        return flat;
    }

    public long parameterCount() {
        long n = 0;
        for (NDArray p : parameters().values()) n += p.size();
        return n;
    }

    public void setTrainable(boolean on) {
        for (NDArray p : parameters().values()) p.setRequiresGradient(on);
    }

    /** Adds this adapter's deltas to the model's projections. */
    public void attach(Map<String, Linear> linears) {
        if (!attachedTo.isEmpty()) throw new IllegalStateException("adapter " + name + " is already attached");
        for (LoraLayer l : layers.values()) {
            Linear lin = linears.get(l.module());
            if (lin == null) throw new IllegalArgumentException("adapter " + name + ": the model has no module " + l.module());
            lin.deltas().add(l);
            attachedTo.add(lin);
        }
    }

    public void detach() {
        for (Linear lin : attachedTo) lin.deltas().removeIf(d -> layers.get(lin.name()) == d);
        attachedTo.clear();
    }

    public boolean isAttached() {
        return !attachedTo.isEmpty();
    }

    /**
     * Folds scale * B A into the base weights in place (detaching first), so the model alone computes what
     * model + adapter computed.
     */
    public void mergeInto(Map<String, Linear> linears) {
        detach();
        Autograd.noGrad(() -> {
            for (LoraLayer l : layers.values()) {
                Linear lin = linears.get(l.module());
                if (lin == null) throw new IllegalArgumentException("adapter " + name + ": the model has no module " + l.module());
                try (NDArray d = l.deltaWeight()) {
                    if (d.getDataType() == lin.weight().getDataType()) {
                        lin.weight().addi(d);
                    } else {
                        try (NDArray cast = d.toType(lin.weight().getDataType(), false)) {   // F32 delta into F16 weights
                            lin.weight().addi(cast);
                        }
                    }
                }
            }
        });
    }

    /** Writes the PEFT folder (config + F32 weights). */
    public void save(Path dir) {
        config.write(dir);
        Map<String, FloatTensor> t = new LinkedHashMap<>();
        for (var e : parameters().entrySet()) {
            t.put(e.getKey(), new FloatTensor(e.getValue().getShape().getShape(), e.getValue().toFloatArray()));
        }
        SafeTensorsWriter.write(dir.resolve(WEIGHTS_FILE), t, Map.of("format", "pt"), "F32");
    }

    /**
     * Reads a PEFT folder written by us or by PEFT (keys with or without the ".default" adapter name), after
     * {@link AdapterLayout} has checked its header against the model: every tensor's shape against the model's
     * projection and the config's r, and the modules with weights against the config's target_modules.
     */
    public static LoraAdapter load(Path dir, String name, Map<String, Linear> linears, NDManager manager) {
        List<AdapterLayout.Projection> projections = new ArrayList<>();
        for (var e : linears.entrySet()) {
            projections.add(new AdapterLayout.Projection(e.getKey(), e.getValue().outFeatures(), e.getValue().inFeatures()));
        }
        AdapterLayout.Checked checked = AdapterLayout.read(dir, projections);
        Path wf = dir.resolve(WEIGHTS_FILE);
        Map<String, float[][]> ab = new LinkedHashMap<>();
        Map<String, Shape[]> shapes = new LinkedHashMap<>();
        try (SafeTensors st = SafeTensors.open(wf)) {
            for (AdapterLayout.Module m : checked.modules()) {   // model order, not file order
                ab.put(m.name(), new float[][] {st.readFloats(m.keyA()), st.readFloats(m.keyB())});
                shapes.put(m.name(), new Shape[] {new Shape(m.shapeA()), new Shape(m.shapeB())});
            }
        }
        return laidOut(name, checked.config(), ab, shapes, linears, manager);
    }

    @Override
    public void close() {
        detach();
        flat.close();
    }
}
