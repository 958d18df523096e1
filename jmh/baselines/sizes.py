"""The JMH @Param values, so baseline rows line up with the benchmark rows (keep in step with jmh/src)."""
KERNEL_SIZES = (7, 1000, 100003, 10000000)   # AddBenchmark, AxpyBenchmark, UnaryBenchmark, ReduceBenchmark
NDARRAY_SIZES = (1000, 100000, 10000000)     # NDArrayBenchmark
SOFTMAX_SIZES = (10, 1000)                   # SoftmaxBenchmark
GEMM_SIZES = (64, 256, 1024, 2048)           # GemmBenchmark
