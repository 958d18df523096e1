package dev.vectorgrad.autodiff;

import java.util.Arrays;

/**
 * Object identity to a non-negative int, open addressing with linear probing: a tape's "which of my
 * nodes is this array" table. No boxing and no entry objects, so recording an op costs a few probes.
 */
final class IdentityIntMap {
    // 64 slots hold 32 entries: a small model's whole step (a Dense layer records about five nodes) without a rehash
    private static final int INITIAL = 64;

    private Object[] keys = new Object[INITIAL];
    private int[] values = new int[INITIAL];
    private int size;

    /** The value for {@code key}, or -1. */
    int get(Object key) {
        Object[] k = keys;
        int mask = k.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Object at = k[i];
            if (at == key) {
                return values[i];
            }
            if (at == null) {
                return -1;
            }
        }
    }

    /** Maps {@code key} to {@code value}, replacing any earlier value. */
    void put(Object key, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Object at = keys[i];
            if (at == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (at == key) {
                values[i] = value;
                return;
            }
        }
    }

    void clear() {
        if (keys.length > INITIAL) {
            keys = new Object[INITIAL];
            values = new int[INITIAL];
        } else {
            Arrays.fill(keys, null);
        }
        size = 0;
    }

    private void grow() {
        Object[] oldKeys = keys;
        int[] oldValues = values;
        keys = new Object[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(Object key, int mask) {
        int h = System.identityHashCode(key);
        return (h ^ (h >>> 16)) * 0x9E3779B1 >>> 7 & mask; // spread: identity hashes cluster in low bits
    }
}
