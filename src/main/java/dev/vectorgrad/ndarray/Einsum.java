package dev.vectorgrad.ndarray;

import dev.vectorgrad.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy/TensorFlow {@code einsum}, built only from differentiable NDArray ops so that the tape needs no
 * rule of its own and nested tapes see through it. The plan: take each operand's repeated labels as a
 * diagonal (mask and sum), sum away labels no one else needs, then contract operands left to right.
 * A pairwise contraction transposes and reshapes both sides to {@code [batch..., M, K]} and
 * {@code [batch..., K, N]} and hands them to {@code matmul} (GEMM); a pair with nothing to contract is a
 * broadcasting multiply. {@code ...} stands for broadcast axes aligned from the right, and an equation
 * without {@code ->} outputs the {@code ...} axes and then the labels used once, in alphabetical order.
 */
public final class Einsum {
    /** Labels for {@code ...} axes, outside the ASCII letters an equation may use. */
    private static final char ELLIPSIS_BASE = '\u0100';

    /** Evaluates {@code equation} over {@code operands}. */
    public static NDArray einsum(String equation, NDArray... operands) {
        if (equation == null || operands == null || operands.length == 0) {
            throw new IllegalArgumentException("einsum: needs an equation and at least one operand");
        }
        Args.noNulls(operands, "operands");
        String eq = equation.replace(" ", "");
        int arrow = eq.indexOf("->");
        String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
        String[] terms = lhs.split(",", -1);
        if (terms.length != operands.length) {
            throw new IllegalArgumentException("einsum: equation '" + equation + "' names " + terms.length
                    + " operands but " + operands.length + " were given");
        }
        int maxEll = 0;
        int[] ellDims = new int[terms.length];
        for (int k = 0; k < terms.length; k++) {
            int letters = countLetters(equation, terms[k]);
            int rank = operands[k].rank();
            if (terms[k].contains("...")) {
                ellDims[k] = rank - letters;
                if (ellDims[k] < 0) {
                    throw new IllegalArgumentException("einsum: operand " + k + " of shape "
                            + Shapes.format(operands[k].shape()) + " has fewer axes than the " + letters + " labels in '"
                            + terms[k] + "'");
                }
            } else if (letters != rank) {
                throw new IllegalArgumentException("einsum: operand " + k + " has shape " + Shapes.format(operands[k].shape())
                        + " (rank " + rank + ") but its term '" + terms[k] + "' has " + letters + " labels");
            }
            maxEll = Math.max(maxEll, ellDims[k]);
        }
        List<List<Character>> labels = new ArrayList<>();
        for (int k = 0; k < terms.length; k++) {
            labels.add(expand(terms[k], ellDims[k], maxEll));
        }
        List<Character> out;
        if (arrow >= 0) {
            String rhs = eq.substring(arrow + 2);
            countLetters(equation, rhs);
            out = expand(rhs, rhs.contains("...") ? maxEll : 0, maxEll);
            for (int i = 0; i < out.size(); i++) {
                char c = out.get(i);
                if (out.indexOf(c) != i) {
                    throw new IllegalArgumentException("einsum: output label '" + c + "' appears twice in '" + equation + "'");
                }
                if (labels.stream().noneMatch(l -> l.contains(c))) {
                    throw new IllegalArgumentException("einsum: output label '" + c + "' appears in no input of '"
                            + equation + "'");
                }
            }
        } else {
            out = new ArrayList<>();
            for (int i = 0; i < maxEll; i++) {
                out.add((char) (ELLIPSIS_BASE + i));
            }
            int[] uses = new int[128];
            for (List<Character> l : labels) {
                for (char c : l) {
                    if (c < 128) {
                        uses[c]++;
                    }
                }
            }
            for (char c = 'A'; c <= 'z'; c++) {
                if (Character.isLetter(c) && uses[c] == 1) {
                    out.add(c);
                }
            }
        }
        int[] sizes = sizes(equation, labels, operands);
        List<NDArray> xs = new ArrayList<>();
        for (int k = 0; k < operands.length; k++) {
            xs.add(diagonals(operands[k], labels.get(k), sizes));
        }
        // sum away what only one operand has and the output does not need
        for (int k = 0; k < xs.size(); k++) {
            xs.set(k, sumUnneeded(xs.get(k), labels.get(k), needed(labels, k, -1, out)));
        }
        NDArray acc = xs.get(0);
        List<Character> accLabels = labels.get(0);
        for (int k = 1; k < xs.size(); k++) {
            List<Character> later = needed(labels, -1, k, out);
            NDArray b = xs.get(k);
            List<Character> bLabels = labels.get(k);
            List<Character> keep = new ArrayList<>(later);
            keep.addAll(bLabels);
            acc = sumUnneeded(acc, accLabels, keep);
            List<Character> keepA = new ArrayList<>(later);
            keepA.addAll(accLabels);
            b = sumUnneeded(b, bLabels, keepA);
            List<Character> resultLabels = new ArrayList<>();
            acc = contract(acc, accLabels, b, bLabels, later, sizes, resultLabels);
            accLabels = resultLabels;
        }
        acc = sumUnneeded(acc, accLabels, out);
        int[] perm = new int[out.size()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = accLabels.indexOf(out.get(i));
        }
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) {
            identity &= perm[i] == i;
        }
        return identity ? acc : acc.transpose(perm);
    }

    private static int countLetters(String equation, String term) {
        String rest = term.replaceFirst("\\.\\.\\.", "");
        int n = 0;
        for (char c : rest.toCharArray()) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                throw new IllegalArgumentException("einsum: invalid character '" + c + "' in equation '" + equation
                        + "' (labels are ASCII letters; '...' at most once per term)");
            }
            n++;
        }
        return n;
    }

    /** The labels of a term, {@code ...} replaced by its axes' labels, aligned from the right. */
    private static List<Character> expand(String term, int ell, int maxEll) {
        List<Character> l = new ArrayList<>();
        int dots = term.indexOf("...");
        String head = dots < 0 ? term : term.substring(0, dots);
        String tail = dots < 0 ? "" : term.substring(dots + 3);
        for (char c : head.toCharArray()) {
            l.add(c);
        }
        for (int i = 0; i < ell; i++) {
            l.add((char) (ELLIPSIS_BASE + maxEll - ell + i));
        }
        for (char c : tail.toCharArray()) {
            l.add(c);
        }
        return l;
    }

    /** The size of every label (indexed by char), checking that its uses agree or broadcast from 1. */
    private static int[] sizes(String equation, List<List<Character>> labels, NDArray[] operands) {
        int[] sizes = new int[ELLIPSIS_BASE + 64];
        Arrays.fill(sizes, -1);
        for (int k = 0; k < operands.length; k++) {
            int[] shape = operands[k].shape();
            List<Character> l = labels.get(k);
            for (int i = 0; i < l.size(); i++) {
                char c = l.get(i);
                int s = shape[i];
                if (sizes[c] == -1 || sizes[c] == 1) {
                    sizes[c] = s;
                } else if (s != 1 && s != sizes[c]) {
                    throw new IllegalArgumentException("einsum: label '" + (c >= ELLIPSIS_BASE ? "..." : String.valueOf(c))
                            + "' has size " + sizes[c] + " in one operand and " + s + " in operand " + k + " of '"
                            + equation + "'");
                }
            }
        }
        return sizes;
    }

    /** Takes the diagonal of each repeated label: multiply by an identity mask and sum the second copy away. */
    private static NDArray diagonals(NDArray x, List<Character> l, int[] sizes) {
        for (int i = 0; i < l.size(); i++) {
            int j = l.subList(i + 1, l.size()).indexOf(l.get(i));
            if (j < 0) {
                continue;
            }
            j += i + 1;
            int[] shape = x.shape();
            if (shape[i] != shape[j]) {
                throw new IllegalArgumentException("einsum: repeated label '" + l.get(i) + "' has sizes " + shape[i]
                        + " and " + shape[j] + " in one operand of shape " + Shapes.format(shape));
            }
            int[] maskShape = new int[shape.length];
            Arrays.fill(maskShape, 1);
            maskShape[i] = shape[i];
            maskShape[j] = shape[j];
            NDArray mask = NDArray.eye(x.dtype() == dev.vectorgrad.DType.BOOL ? dev.vectorgrad.DType.INT32 : x.dtype(),
                    shape[i]).reshape(maskShape);
            x = x.mul(mask).sum(false, j);
            l.remove(j);
            i--;
        }
        return x;
    }

    /** Labels needed by the output and by the operands other than {@code skip} (or from {@code from} on). */
    private static List<Character> needed(List<List<Character>> labels, int skip, int from, List<Character> out) {
        List<Character> n = new ArrayList<>(out);
        for (int k = 0; k < labels.size(); k++) {
            if (k != skip && (from < 0 || k > from)) {
                n.addAll(labels.get(k));
            }
        }
        return n;
    }

    /** Sums the axes whose labels are not in {@code keep}, removing them from {@code l} (which is updated in place). */
    private static NDArray sumUnneeded(NDArray x, List<Character> l, List<Character> keep) {
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!keep.contains(l.get(i))) {
                axes.add(i);
            }
        }
        if (axes.isEmpty()) {
            return x;
        }
        for (int i = axes.size() - 1; i >= 0; i--) {
            l.remove((int) axes.get(i));
        }
        return x.sum(false, axes.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * One pairwise contraction. Labels in both operands are batch axes when needed later, else they are
     * contracted; the result's labels are {@code batch ++ aOnly ++ bOnly}.
     */
    private static NDArray contract(NDArray a, List<Character> al, NDArray b, List<Character> bl,
                                    List<Character> later, int[] sizes, List<Character> resultLabels) {
        List<Character> batch = new ArrayList<>();
        List<Character> summed = new ArrayList<>();
        List<Character> aOnly = new ArrayList<>();
        List<Character> bOnly = new ArrayList<>();
        for (char c : al) {
            if (bl.contains(c)) {
                (later.contains(c) ? batch : summed).add(c);
            } else {
                aOnly.add(c);
            }
        }
        for (char c : bl) {
            if (!al.contains(c)) {
                bOnly.add(c);
            }
        }
        resultLabels.addAll(batch);
        resultLabels.addAll(aOnly);
        resultLabels.addAll(bOnly);
        if (summed.isEmpty()) {
            // nothing to contract: a broadcasting multiply of [batch, aOnly, 1...] by [batch, 1..., bOnly]
            NDArray ax = arrange(a, al, concat(batch, aOnly), null, sizes, false);
            NDArray bx = arrange(b, bl, concat(batch, bOnly), null, sizes, false);
            int[] as = withOnes(ax.shape(), batch.size() + aOnly.size(), bOnly.size());
            int[] bs = insertOnes(bx.shape(), batch.size(), aOnly.size());
            return ax.reshape(as).mul(bx.reshape(bs));
        }
        NDArray ax = arrange(a, al, concat(batch, concat(aOnly, summed)), summed, sizes, true);
        NDArray bx = arrange(b, bl, concat(batch, concat(summed, bOnly)), summed, sizes, true);
        int nb = batch.size();
        int[] am = new int[nb + 2];
        int[] bm = new int[nb + 2];
        int[] axs = ax.shape();
        int[] bxs = bx.shape();
        for (int i = 0; i < nb; i++) {
            am[i] = axs[i];
            bm[i] = bxs[i];
        }
        am[nb] = product(axs, nb, nb + aOnly.size());
        am[nb + 1] = product(axs, nb + aOnly.size(), axs.length);
        bm[nb] = product(bxs, nb, nb + summed.size());
        bm[nb + 1] = product(bxs, nb + summed.size(), bxs.length);
        NDArray c = ax.reshape(am).matmul(bx.reshape(bm));
        int[] shape = new int[resultLabels.size()];
        int[] cs = c.shape();
        for (int i = 0; i < nb; i++) {
            shape[i] = cs[i];
        }
        for (int i = 0; i < aOnly.size(); i++) {
            shape[nb + i] = axs[nb + i];
        }
        for (int i = 0; i < bOnly.size(); i++) {
            shape[nb + aOnly.size() + i] = bxs[nb + summed.size() + i];
        }
        return c.reshape(shape);
    }

    /** {@code x} transposed to {@code order}; the contracted axes broadcast to their full size when asked. */
    private static NDArray arrange(NDArray x, List<Character> l, List<Character> order, List<Character> summed,
                                   int[] sizes, boolean expandSummed) {
        int[] perm = new int[order.size()];
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) {
            perm[i] = l.indexOf(order.get(i));
            identity &= perm[i] == i;
        }
        NDArray t = identity ? x : x.transpose(perm);
        if (expandSummed) {
            int[] s = t.shape();
            boolean stretch = false;
            for (int i = 0; i < s.length; i++) {
                if (summed.contains(order.get(i)) && s[i] != sizes[order.get(i)]) {
                    s[i] = sizes[order.get(i)];
                    stretch = true;
                }
            }
            if (stretch) {
                t = t.broadcastTo(s);
            }
        }
        return t;
    }

    private static List<Character> concat(List<Character> a, List<Character> b) {
        List<Character> c = new ArrayList<>(a);
        c.addAll(b);
        return c;
    }

    private static int[] withOnes(int[] s, int keep, int ones) {
        int[] r = Arrays.copyOf(s, keep + ones);
        Arrays.fill(r, keep, keep + ones, 1);
        return r;
    }

    private static int[] insertOnes(int[] s, int at, int ones) {
        int[] r = new int[s.length + ones];
        System.arraycopy(s, 0, r, 0, at);
        Arrays.fill(r, at, at + ones, 1);
        System.arraycopy(s, at, r, at + ones, s.length - at);
        return r;
    }

    private static int product(int[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= s[i];
        }
        return Math.toIntExact(p);
    }

    private Einsum() {}
}
