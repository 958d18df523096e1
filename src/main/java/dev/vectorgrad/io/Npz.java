package dev.vectorgrad.io;

import dev.vectorgrad.NDArray;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy's {@code .npz} archives: a zip of {@code .npy} entries, as {@code numpy.savez}
 * (stored entries) and {@code numpy.savez_compressed} (deflated entries) write them and
 * {@code numpy.load} reads them.
 *
 * <p>Keys are the entry names without their {@code .npy} suffix, in the archive's order, as
 * {@code numpy.load} gives them. Every entry must be a well-formed {@code .npy} file (see {@link Npy});
 * an entry of another kind, a duplicate name, bytes after an entry's array data or an entry that
 * claims more data than its compressed size could inflate to fails with an {@link IOException}
 * naming the archive and the entry. The amount read from each entry is bounded by what its header
 * claims, so a zip bomb is never inflated beyond that. Nothing is returned unless every entry reads.
 */
public final class Npz {

    /**
     * The most a deflate stream can expand: 258 bytes per 2-bit code, about 1032:1. An entry claiming
     * more than this many times its compressed size is corrupt or hostile, whatever its header says.
     */
    static final long MAX_DEFLATE_RATIO = 1032;

    /**
     * Reads every array in the archive at {@code path}, keyed by entry name without {@code .npy}, in
     * archive order.
     *
     * @throws IOException if the file cannot be read, is not a zip archive, or holds an entry that is
     *     not a well-formed {@code .npy} array of a supported dtype
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static Map<String, NDArray> read(Path path) throws IOException {
        Npy.nonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            Files.size(path); // the usual NoSuchFileException for a missing file
            throw new IOException(path + ": not a regular file");
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new IOException(path + ": not a valid .npz (zip) archive: " + e.getMessage(), e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String source = path + ", entry '" + entry.getName() + "'";
                String key = key(entry, source, out);
                long bound = bound(entry);
                try (InputStream in = zip.getInputStream(entry)) {
                    out.put(key, readEntry(in, bound, source));
                } catch (ZipException e) {
                    throw new IOException(source + ": corrupt zip data: " + e.getMessage(), e);
                }
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            // ZipFile reports some malformed central directories this way.
            throw new IOException(path + ": malformed zip archive: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Reads every array in a {@code .npz} archive streamed from {@code in} (read to the end of the
     * archive's entries, not closed). Entry order is the order of the local headers.
     *
     * @throws IOException as {@link #read(Path)}
     * @throws IllegalArgumentException if {@code in} is null
     */
    public static Map<String, NDArray> read(InputStream in) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(new BufferedInputStream(Npy.nonNull(in, "in")), 4);
        byte[] sig = peek.readNBytes(4);
        boolean entry = sig.length == 4 && sig[0] == 'P' && sig[1] == 'K' && sig[2] == 3 && sig[3] == 4;
        boolean emptyArchive = sig.length == 4 && sig[0] == 'P' && sig[1] == 'K' && sig[2] == 5 && sig[3] == 6;
        if (!entry && !emptyArchive) {
            throw new IOException("npz stream: not a zip archive: it starts with " + Npy.bytes(sig) + ", not b'PK\\x03\\x04'");
        }
        peek.unread(sig);
        Map<String, NDArray> out = new LinkedHashMap<>();
        ZipInputStream zin = new ZipInputStream(peek);
        try {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                String source = "npz stream, entry '" + e.getName() + "'";
                String key = key(e, source, out);
                out.put(key, readEntry(zin, bound(e), source));
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new IOException("npz stream: corrupt zip data: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Writes {@code arrays} to {@code path} as {@code numpy.savez} does: one stored (uncompressed)
     * {@code key.npy} entry per array, in the map's iteration order.
     *
     * @throws IllegalArgumentException if {@code path} or {@code arrays} is null, or holds a null key
     *     or value or an array of more than 64 dimensions (checked before the file is touched)
     */
    public static void write(Path path, Map<String, ? extends NDArray> arrays) throws IOException {
        write(path, arrays, false);
    }

    /**
     * Writes {@code arrays} to {@code path} as {@code numpy.savez_compressed} does: deflated entries.
     *
     * @throws IllegalArgumentException as {@link #write(Path, Map)}
     */
    public static void writeCompressed(Path path, Map<String, ? extends NDArray> arrays) throws IOException {
        write(path, arrays, true);
    }

    private static void write(Path path, Map<String, ? extends NDArray> arrays, boolean compressed) throws IOException {
        Npy.nonNull(path, "path");
        Npy.nonNull(arrays, "arrays");
        for (Map.Entry<String, ? extends NDArray> e : arrays.entrySet()) {
            Npy.nonNull(e.getKey(), "a key in arrays");
            Npy.nonNull(e.getValue(), "the array for key '" + e.getKey() + "'");
            Npy.checkWritable(e.getValue());
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
            for (Map.Entry<String, ? extends NDArray> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    // A stored entry needs its size and CRC before its data: one dry run computes both.
                    CountingCrc probe = new CountingCrc();
                    Npy.write(probe, e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(probe.count);
                    entry.setCompressedSize(probe.count);
                    entry.setCrc(probe.crc.getValue());
                }
                zip.putNextEntry(entry);
                Npy.write(zip, e.getValue());
                zip.closeEntry();
            }
        }
    }

    private static String key(ZipEntry entry, String source, Map<String, NDArray> seen) throws IOException {
        String name = entry.getName();
        if (entry.isDirectory() || !name.endsWith(".npy")) {
            throw new IOException(source + ": not a .npy entry; an .npz archive holds only .npy files");
        }
        String key = name.substring(0, name.length() - 4);
        if (seen.containsKey(key)) {
            throw new IOException(source + ": duplicate entry name");
        }
        return key;
    }

    /** An upper bound on the entry's uncompressed bytes from its declared sizes, -1 if none is declared. */
    private static long bound(ZipEntry entry) {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        long bound = size;
        if (compressed >= 0) {
            long fromCompressed = entry.getMethod() == ZipEntry.STORED ? compressed
                    : compressed > Long.MAX_VALUE / MAX_DEFLATE_RATIO ? Long.MAX_VALUE : compressed * MAX_DEFLATE_RATIO + 64;
            bound = bound < 0 ? fromCompressed : Math.min(bound, fromCompressed);
        }
        return bound;
    }

    private static NDArray readEntry(InputStream in, long bound, String source) throws IOException {
        NDArray array = Npy.read(in, bound, false, source);
        if (in.read() != -1) {
            // Reading on would inflate whatever follows, which is how a zip bomb hides behind a small header.
            throw new IOException(source + ": unexpected bytes after the array data");
        }
        return array;
    }

    /** Counts bytes and their CRC-32 without keeping them. */
    private static final class CountingCrc extends OutputStream {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }

    private Npz() {}
}
