package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.seal.arc.Augmenter.Chain;
import org.sealworkbench.seal.arc.Augmenter.Flip;
import org.sealworkbench.seal.arc.Augmenter.IncreaseHeight;
import org.sealworkbench.seal.arc.Augmenter.IncreaseResolution;
import org.sealworkbench.seal.arc.Augmenter.IncreaseWidth;
import org.sealworkbench.seal.arc.Augmenter.RandomTranslateXY;
import org.sealworkbench.seal.arc.Augmenter.Reflect;
import org.sealworkbench.seal.arc.Augmenter.Repeat;
import org.sealworkbench.seal.arc.Augmenter.Rotate;
import org.sealworkbench.seal.arc.Augmenter.Transpose;

/**
 * The augmenter lists of SEAL's {@code get_augmenters} (few-shot {@code self-edit.py}), the four switches a
 * self-edit chooses, in SEAL's order:
 * <ol>
 * <li>basic: {@code Rotate(90), Rotate(270), Rotate(180), Flip(0), Flip(1), Reflect(0, reverse=True),
 *     Reflect(1, reverse=True), Reflect(0, reverse=False), Reflect(1, reverse=False), RandomTranslateXY(),
 *     Transpose()};</li>
 * <li>size: {@code IncreaseResolution(2), IncreaseHeight(2), IncreaseWidth(2)};</li>
 * <li>chain: each of {@code Rotate(90), Rotate(270), Rotate(180), Flip(0), Flip(1), Transpose()} followed by
 *     {@code IncreaseResolution(2)};</li>
 * <li>repeat: {@code Repeat(0, 2), Repeat(1, 2), Repeat(2, 2)}.</li>
 * </ol>
 * SEAL's fifth switch (the two {@code Concat} augmenters, between size and chain) is off by default and off here.
 */
public final class Augmenters {
    private Augmenters() {}

    public static List<Augmenter> forConfig(boolean basic, boolean size, boolean chain, boolean repeat) {
        List<Augmenter> out = new ArrayList<>();
        if (basic) {
            out.addAll(List.of(new Rotate(90), new Rotate(270), new Rotate(180), new Flip(0), new Flip(1),
                    new Reflect(0, true), new Reflect(1, true), new Reflect(0, false), new Reflect(1, false),
                    new RandomTranslateXY(), new Transpose()));
        }
        if (size) {
            out.addAll(List.of(new IncreaseResolution(2), new IncreaseHeight(2), new IncreaseWidth(2)));
        }
        if (chain) {
            for (Augmenter first : List.of(new Rotate(90), new Rotate(270), new Rotate(180), new Flip(0), new Flip(1),
                    new Transpose())) {
                out.add(new Chain(List.of(first, new IncreaseResolution(2))));
            }
        }
        if (repeat) {
            out.addAll(List.of(new Repeat(0, 2), new Repeat(1, 2), new Repeat(2, 2)));
        }
        return List.copyOf(out);
    }

    /** All four switches on (SEAL's defaults). */
    public static List<Augmenter> all() {
        return forConfig(true, true, true, true);
    }
}
