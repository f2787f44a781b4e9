package org.sealworkbench.llm.lora;

import org.sealworkbench.llm.model.Linear;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Several LoRA adapters loaded for one model at once, attached and detached by name. */
public final class AdapterSet implements AutoCloseable {
    private final Map<String, Linear> linears;
    private final Map<String, LoraAdapter> adapters = new LinkedHashMap<>();

    public AdapterSet(Map<String, Linear> linears) {
        this.linears = linears;
    }

    public void add(LoraAdapter adapter) {
        if (adapters.containsKey(adapter.name())) throw new IllegalArgumentException("an adapter named " + adapter.name() + " is already loaded");
        adapters.put(adapter.name(), adapter);
    }

    public LoraAdapter get(String name) {
        LoraAdapter a = adapters.get(name);
        if (a == null) throw new IllegalArgumentException("no adapter named " + name + " (loaded: " + adapters.keySet() + ")");
        return a;
    }

    public void attach(String name) {
        get(name).attach(linears);
    }

    public void detach(String name) {
        get(name).detach();
    }

    /** Detaches every other adapter and attaches this one (null: the bare base model). */
    public void activateOnly(String name) {
        adapters.values().forEach(LoraAdapter::detach);
        if (name != null) attach(name);
    }

    public List<String> attached() {
        List<String> out = new ArrayList<>();
        adapters.forEach((k, v) -> { if (v.isAttached()) out.add(k); });
        return out;
    }

    /** Unloads (detaches and frees) one adapter. */
    public void remove(String name) {
        get(name).close();
        adapters.remove(name);
    }

    @Override
    public void close() {
        adapters.values().forEach(LoraAdapter::close);
        adapters.clear();
    }
}
