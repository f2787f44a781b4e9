package org.sealworkbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.tokenizer.Tokenizer;

/** A checkpoint opened for a CLI command: the model on the picked device, its tokenizer if any. */
final class CliModel implements AutoCloseable {
    final LlamaModel model;
    final Tokenizer tokenizer; // null when the folder has no tokenizer.json

    private CliModel(LlamaModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    static CliModel open(Path dir, Path adapter, boolean needTokenizer) {
        LlamaModel model = LlamaModel.load(dir, Devices.pick());
        if (adapter != null) {
            try {
                // the adapter's tensors live in the model's manager and go with it
                LoraAdapter.load(adapter, "default", model.linears(), model.manager()).attach(model.linears());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
        Tokenizer tok = null;
        try {
            if (needTokenizer || Files.exists(dir.resolve("tokenizer.json"))) tok = Tokenizer.load(dir);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new CliModel(model, tok);
    }

    /** Parses "1,2,3" into ids checked against the vocabulary. */
    static int[] parseIds(String text, int vocab) {
        List<Integer> ids = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int id;
            try {
                id = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ids must be comma-separated integers, got \"" + p + "\"");
            }
            if (id < 0 || id >= vocab) throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab + ")");
            ids.add(id);
        }
        if (ids.isEmpty()) throw new IllegalArgumentException("--ids is empty");
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void close() {
        if (tokenizer != null) tokenizer.close();
        model.close();
    }
}
