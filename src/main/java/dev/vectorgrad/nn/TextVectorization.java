package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keras's {@code TextVectorization} with its defaults ({@code standardize="lower_and_strip_punctuation"},
 * {@code split="whitespace"}, {@code output_mode="int"}): STRING texts {@code [batch]} (or {@code [batch, 1]})
 * → token ids, int64 {@code [batch, outputSequenceLength]}, padded with 0 or truncated at the end.
 *
 * <p>{@link #adapt} learns the vocabulary: id 0 is padding ({@code ""}), id 1 the out-of-vocabulary token
 * {@code "[UNK]"}, then the {@code maxTokens - 2} most frequent tokens, ties broken as Keras breaks them
 * (its {@code np.lexsort((tokens, counts))[::-1]}: higher count first, then the token that sorts last).
 * Standardising lower-cases (Unicode, locale-independent) and deletes the ASCII punctuation that Keras's
 * regex deletes ({@code string.punctuation}); splitting is on runs of whitespace.
 * Configuration: maxTokens, outputSequenceLength (and the adapted vocabulary).
 */
public class TextVectorization extends Layer {
    private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~']");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private final int maxTokens;
    private final int outputSequenceLength;
    private List<String> vocabulary = List.of("", "[UNK]");
    private Map<String, Integer> ids = Map.of();

    /** At most {@code maxTokens} ids (padding and OOV included); outputs of {@code outputSequenceLength} ids. */
    public TextVectorization(int maxTokens, int outputSequenceLength) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("TextVectorization: maxTokens must be at least 2 (padding and OOV), got "
                    + maxTokens);
        }
        ConvSupport.checkPositive("TextVectorization", "outputSequenceLength", outputSequenceLength);
        this.maxTokens = maxTokens;
        this.outputSequenceLength = outputSequenceLength;
    }

    /** Learns the vocabulary from STRING texts of any shape; replaces an earlier one. */
    public void adapt(NDArray strings) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts(strings)) {
            for (String token : tokens(text)) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> a.getValue().equals(b.getValue()) ? b.getKey().compareTo(a.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        List<String> vocab = new ArrayList<>(List.of("", "[UNK]"));
        for (int i = 0; i < sorted.size() && vocab.size() < maxTokens; i++) {
            vocab.add(sorted.get(i).getKey());
        }
        install(vocab);
    }

    /**
     * Sets the vocabulary directly, as Keras's {@code set_vocabulary}: {@code tokens} are ids 2, 3, ... (without
     * the padding and OOV entries, which are added); how a saved layer gets its vocabulary back.
     *
     * @throws IllegalArgumentException for a null, empty or repeated token, or more than {@code maxTokens - 2}
     */
    public void setVocabulary(List<String> tokens) {
        if (tokens == null || tokens.size() > maxTokens - 2) {
            throw new IllegalArgumentException("TextVectorization \"" + name() + "\": the vocabulary must hold at most "
                    + (maxTokens - 2) + " tokens besides padding and OOV, got " + (tokens == null ? "null" : tokens.size()));
        }
        List<String> vocab = new ArrayList<>(List.of("", "[UNK]"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Object o : tokens) { // Object: a raw list from a caller may hold anything
            if (!(o instanceof String t) || t.isEmpty() || t.equals("[UNK]") || !seen.add(t)) {
                throw new IllegalArgumentException("TextVectorization \"" + name() + "\": bad or repeated vocabulary token '"
                        + o + "'");
            }
            vocab.add(t);
        }
        install(vocab);
    }

    private void install(List<String> vocab) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 2; i < vocab.size(); i++) {
            index.put(vocab.get(i), i);
        }
        vocabulary = Collections.unmodifiableList(vocab);
        ids = index;
    }

    @Override
    public NDArray call(NDArray strings, boolean training) {
        String[] texts = texts(strings);
        checkTextShape(strings.shape());
        long[] out = new long[texts.length * outputSequenceLength];
        for (int b = 0; b < texts.length; b++) {
            List<String> tokens = tokens(texts[b]);
            for (int t = 0; t < Math.min(tokens.size(), outputSequenceLength); t++) {
                out[b * outputSequenceLength + t] = ids.getOrDefault(tokens.get(t), 1);
            }
        }
        return NDArray.of(out).reshape(texts.length, outputSequenceLength);
    }

    private void checkTextShape(int[] s) {
        if (s.length == 0 || s.length > 2 || (s.length == 2 && s[1] != 1)) {
            throw new IllegalArgumentException("TextVectorization \"" + name() + "\": expected texts of shape (batch,) or"
                    + " (batch, 1), got " + Shapes.format(s));
        }
    }

    private String[] texts(NDArray strings) {
        if (strings == null || strings.dtype() != DType.STRING) {
            throw new IllegalArgumentException("TextVectorization \"" + name() + "\": expected a STRING array, got "
                    + (strings == null ? "null" : strings.dtype()));
        }
        return strings.toStringArray();
    }

    /** Keras's standardisation then whitespace split; empty tokens dropped. */
    static List<String> tokens(String text) {
        String standard = PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        List<String> out = new ArrayList<>();
        for (String t : WHITESPACE.split(standard)) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The vocabulary by id: {@code ""}, {@code "[UNK]"}, then the adapted tokens (Keras's {@code get_vocabulary()}). */
    public List<String> getVocabulary() {
        return vocabulary;
    }

    /** The vocabulary's size, at most maxTokens. */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** The most ids the vocabulary may hold. */
    public int maxTokens() {
        return maxTokens;
    }

    /** The length of every output row. */
    public int outputSequenceLength() {
        return outputSequenceLength;
    }

    /**
     * Keras's config, with the vocabulary as Keras's {@code get_config} lists it: the tokens after padding and OOV,
     * which {@link #setVocabulary} takes back. Deliberate difference from Keras: an adapted vocabulary is written here
     * too (Keras 3 keeps an adapted one in the archive's assets), so the config alone rebuilds the layer.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("max_tokens", maxTokens);
        c.put("standardize", "lower_and_strip_punctuation");
        c.put("split", "whitespace");
        c.put("output_mode", "int");
        c.put("output_sequence_length", outputSequenceLength);
        c.put("vocabulary", new ArrayList<>(vocabulary.subList(2, vocabulary.size())));
        c.put("vocabulary_size", vocabulary.size());
        return c;
    }

    /** {@code [batch, outputSequenceLength]} for texts {@code [batch]} or {@code [batch, 1]}. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        checkTextShape(inputShape);
        return new int[] {inputShape[0], outputSequenceLength};
    }
}
