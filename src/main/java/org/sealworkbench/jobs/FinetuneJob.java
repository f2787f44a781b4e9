package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.SftData;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * LoRA or full fine-tuning as a job, built from its request: it loads the model on the device and its tokenizer,
 * reads and tokenizes the data, trains through the engine's {@link FineTune} and saves a PEFT adapter or a whole
 * checkpoint. Every optimizer step is reported (step of total, with its loss) unthrottled, since the command line
 * prints each one. A cancel stops after the current step and writes the trainer checkpoint when one was asked for.
 * With a workspace, the job is recorded in its jobs table with the request.
 */
public final class FinetuneJob {
    /**
     * What the fine-tune did.
     *
     * @param written the adapter or checkpoint folder; null when cancelled
     */
    public record Report(int examples, long trainableParameters, TrainResult result, Path written) {}

    private final FinetuneRequest request;
    private final Long resumeId;

    public FinetuneJob(FinetuneRequest request) {
        this(request, null);
    }

    FinetuneJob(FinetuneRequest request, Long resumeId) {
        this.request = request;
        this.resumeId = resumeId;
    }

    public Report run(Progress listener, CancelToken token) {
        if (request.workspace() == null) return train(listener, token);
        try (ExperimentLog log = ExperimentLog.openWritable(request.workspace())) {
            JsonObject params = new JsonObject();
            params.addProperty("model", request.model().toAbsolutePath().toString());
            params.addProperty("data", request.data().toAbsolutePath().toString());
            params.addProperty("out", request.out().toAbsolutePath().toString());
            long jobId = JobRow.open(log, request.kind(), params, request, resumeId);
            try {
                Report r = train(listener, token);
                if (r.result().cancelled()) log.updateJob(jobId, "cancelled", progress(r.result()), "cancelled after step " + r.result().stepsDone());
                else log.updateJob(jobId, "done", 1.0, "wrote " + r.written());
                return r;
            } catch (RuntimeException e) {
                log.endJob(jobId, "failed", 0, e.getMessage() == null ? e.toString() : e.getMessage());
                throw e;
            }
        }
    }

    /**
     * The trainer checkpoint to continue from: the request's when it says resume, and also when this run resumes a
     * stopped job whose checkpoint folder was written (a cancel writes it), so that resuming the row never starts over.
     */
    private Path resumeFrom() {
        Path c = request.checkpoint();
        if (c == null) return null;
        return request.resume() || (resumeId != null && Files.isDirectory(c)) ? c : null;
    }

    private static double progress(TrainResult r) {
        return r.totalSteps() <= 0 ? 0 : Math.min(1.0, r.stepsDone() / (double) r.totalSteps());
    }

    private Report train(Progress listener, CancelToken token) {
        FinetuneRequest q = request;
        LossMask mask = q.training().mask();
        List<SftData.Record> records = SftData.read(q.data());
        try (LlamaModel m = LlamaModel.load(q.model(), Devices.pick()); Tokenizer tok = Tokenizer.load(q.model())) {
            List<SftExample> examples = SftData.tokenize(records, tok, q.maxLength(), tok.eosIds().isEmpty() ? null : tok.eosIds().get(0),
                    mask == LossMask.PROMPT);
            if (examples.isEmpty()) throw new IllegalArgumentException(q.data() + ": no record has 2 or more tokens");
            try (FineTune ft = q.lora() == null ? FineTune.full(m)
                    : FineTune.lora(m, "default", LoraConfig.of(q.lora().rank(), q.lora().alpha(), q.lora().dropout(), q.lora().targetModules())
                            .withBaseModel(q.model().toAbsolutePath().toString()), q.training().seed())) {
                listener.update(0, -1, String.format(Locale.ROOT, "finetune: %d examples, %s, %,d trainable parameters", examples.size(),
                        q.lora() == null ? "full fine-tuning" : "LoRA r=" + q.lora().rank() + " alpha=" + q.lora().alpha() + " on "
                                + String.join(",", q.lora().targetModules()), ft.trainableParameters()));
                TrainResult res = ft.train(examples, q.training(), tok.padId(), s -> listener.update(s.step(), s.totalSteps(),
                        String.format(Locale.ROOT, "step %d/%d epoch %d loss %.4f lr %.3e grad_norm %.3f tokens/s %.1f", s.step(), s.totalSteps(),
                                s.epoch() + 1, s.loss(), s.lr(), s.gradNorm(), s.tokensPerSecond())),
                        token, resumeFrom(), q.checkpoint());
                if (res.cancelled()) return new Report(examples.size(), ft.trainableParameters(), res, null);
                if (q.lora() == null) ft.saveModel(q.out(), q.model());
                else ft.savePeft(q.out());
                return new Report(examples.size(), ft.trainableParameters(), res, q.out());
            }
        }
    }
}
