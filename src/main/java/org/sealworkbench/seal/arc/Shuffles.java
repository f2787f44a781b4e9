package org.sealworkbench.seal.arc;

import java.util.List;
import java.util.random.RandomGenerator;

/** The one shuffle of this package (Fisher-Yates on a caller's generator), so that a seed fixes every order. */
final class Shuffles {
    private Shuffles() {}

    static <T> void shuffle(List<T> list, RandomGenerator rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
