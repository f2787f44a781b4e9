package org.sealworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sealworkbench.llm.tokenizer.BpeModel;
import org.sealworkbench.llm.tokenizer.BpeTokenizer;
import org.sealworkbench.llm.tokenizer.BpeTrainer;
import org.sealworkbench.llm.tokenizer.PreTokenizer;
import org.sealworkbench.llm.tokenizer.TokenizerFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train-tokenizer", mixinStandardHelpOptions = true,
        description = "Train a byte-level BPE tokenizer on a text corpus and write it as Hugging Face tokenizer.json, "
                + "tokenizer_config.json and special_tokens_map.json (EOS = pad = the first special token).")
final class TrainTokenizerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "UTF-8 text; documents may be separated by the special token.")
    Path corpus;

    @Option(names = "--vocab-size", required = true, paramLabel = "N", description = "Target vocabulary size, specials included (e.g. 2048).")
    int vocabSize;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the tokenizer files.")
    Path out;

    @Option(names = "--min-frequency", paramLabel = "N", description = "Stop when no pair occurs this often (default: ${DEFAULT-VALUE}).")
    int minFrequency = 2;

    @Option(names = "--model-max-length", paramLabel = "N", description = "model_max_length in tokenizer_config.json (default: ${DEFAULT-VALUE}).")
    int modelMaxLength = 2048;

    @Option(names = "--pre-tokenizer", paramLabel = "KIND", description = "byte-level (GPT-2's) or trailing-space (a space ends the word before it; default: ${DEFAULT-VALUE}).")
    String preTokenizer = "byte-level";

    @Option(names = "--special", paramLabel = "TOKEN", description = "Special tokens, EOS first (default: <|endoftext|>).")
    List<String> specials = List.of("<|endoftext|>");

    @Override
    public Integer call() throws IOException {
        String text;
        try {
            // A strict decoder: a corpus that is not UTF-8 is refused, not silently mangled.
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(corpus))).toString();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(corpus + ": no such file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(corpus + ": not UTF-8 text");
        }
        if (text.isEmpty()) throw new IllegalArgumentException(corpus + ": empty corpus");
        long t0 = System.nanoTime();
        BpeTrainer trainer = new BpeTrainer(vocabSize, specials, minFrequency, PreTokenizer.byId(preTokenizer));
        Map<String, Long> words = trainer.countWords(text);
        BpeModel model = trainer.train(words);
        double seconds = (System.nanoTime() - t0) / 1e9;
        TokenizerFiles.write(model, out, modelMaxLength);
        int tokens = new BpeTokenizer(model).encode(text).length;
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Trained on %,d characters (%,d distinct words) in %.1f s: %d tokens, %d merges%s%n",
                text.length(), words.size(), seconds, model.vocabSize(), model.merges().size(),
                model.vocabSize() < vocabSize ? " (stopped early: no pair occurs " + minFrequency + " times)" : "");
        o.printf("The corpus is %,d tokens (%.2f characters per token)%n", tokens, text.length() / (double) tokens);
        o.printf("Wrote %s, %s and %s to %s%n", TokenizerFiles.TOKENIZER_JSON, TokenizerFiles.TOKENIZER_CONFIG_JSON,
                TokenizerFiles.SPECIAL_TOKENS_MAP_JSON, out);
        o.flush();
        return 0;
    }
}
