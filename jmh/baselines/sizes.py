"""The JMH @Param values, so baseline rows line up with the benchmark rows (keep in step with jmh/src)."""
KERNEL_SIZES = (7, 1000, 100003, 10000000)   # AddBenchmark, AxpyBenchmark, UnaryBenchmark, ReduceBenchmark
NDARRAY_SIZES = (1000, 100000, 10000000)     # NDArrayBenchmark
SOFTMAX_SIZES = (10, 1000)                   # SoftmaxBenchmark
GEMM_SIZES = (64, 256, 1024, 2048)           # GemmBenchmark
MANIPULATION_SIZES = (1000, 100000)          # ManipulationBenchmark (floats in each result)
SCAN_SIZES = (1000, 100000)                  # ScanSortBenchmark
CONV_SHAPES = ("64x28x28x1-32", "64x14x14x32-64")   # Conv2DBenchmark (batch x height x width x channels-filters)
CNN_IMAGE_SIZES = (8, 28)                     # CnnTrainingStepBenchmark (side of the one-channel images)
NDARRAY_OPS_SIZES = (1000, 100000)           # NDArrayOpsBenchmark, NDArrayUnaryOpsBenchmark
SCOPED_SIZES = (100000,)                     # ScopedOpsBenchmark
NDARRAY_OPS_ROWS = ("add/float32", "add/float64", "add/int32", "add/int64",   # NDArrayOpsBenchmark.row
                    "sub/float32", "sub/float64", "sub/int32", "sub/int64",
                    "mul/float32", "mul/float64", "mul/int32", "mul/int64",
                    "div/float32", "div/float64",
                    "maximum/float32", "maximum/float64", "maximum/int32", "maximum/int64",
                    "minimum/float32", "minimum/float64", "minimum/int32", "minimum/int64",
                    "lt/float32", "lt/float64", "lt/int32", "lt/int64",
                    "eq/float32", "eq/float64", "eq/int32", "eq/int64")
NDARRAY_UNARY_ROWS = ("neg/float32", "neg/int32", "abs/float32", "abs/float64", "abs/int32", "abs/int64",  # .row
                      "square/float32", "square/int64", "relu/float32", "relu/float64", "sign/float32",
                      "sign/int32", "sqrt/float32", "sqrt/float64")
