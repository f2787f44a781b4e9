package org.sealworkbench.llm.training;

import org.sealworkbench.llm.model.Linear;
import org.sealworkbench.llm.model.LlamaModel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/** What training needs of a causal language model (LlamaModel provides it via {@link #of}). */
public interface TrainableModel {
    /** ids [B, T] int64 -> logits [B, T, V] float32, differentiable, no cache. */
    NDArray forward(NDArray ids, boolean training);

    /** Every projection by HF module name (LoRA attaches here). */
    Map<String, Linear> linears();

    /** Every weight by HF tensor name (full fine-tuning trains these). */
    Map<String, NDArray> parameters();

    NDManager manager();

    static TrainableModel of(LlamaModel m) {
        return new TrainableModel() {
            @Override
            public NDArray forward(NDArray ids, boolean training) {
                return m.forward(ids, training);
            }

            @Override
            public Map<String, Linear> linears() {
                return m.linears();
            }

            @Override
            public Map<String, NDArray> parameters() {
                return m.parameters();
            }

            @Override
            public NDManager manager() {
                return m.manager();
            }
        };
    }
}
