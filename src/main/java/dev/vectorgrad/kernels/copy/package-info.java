/**
 * Copy kernels: gathers whose rows are long enough for whole vectors, each with its scalar twin.
 */
package dev.vectorgrad.kernels.copy;
