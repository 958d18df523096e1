/**
 * NumPy interop: {@link dev.vectorgrad.io.Npy} reads and writes {@code .npy} files and
 * {@link dev.vectorgrad.io.Npz} {@code .npz} archives, byte-compatible with {@code numpy.save},
 * {@code numpy.savez} and {@code numpy.load}. Malformed or hostile files fail with a clear
 * {@link java.io.IOException}, never an {@code OutOfMemoryError} or a hang.
 */
package dev.vectorgrad.io;
