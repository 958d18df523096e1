"""Reads JMH benchmark names (the output of `benchmarks.jar -l REGEX`) on stdin and prints the regex of the
baseline cases that answer them (over 'family.op', for run.py --select), or nothing when none does.

  java -jar jmh/target/benchmarks.jar -l 'Gemm|Reduce' | python3 jmh/baselines/jmh_to_cases.py
  -> ^(gemm\\.matmul|kernel\\.dot|kernel\\.max|kernel\\.sum)$

(Not named select.py: run.py puts this folder first on sys.path, where it would hide the standard module.)
A new JMH class gets a line in FAMILIES; a method named differently from its baseline op gets one in RENAMES.
"""
import re
import sys

FAMILIES = {"AddBenchmark": "kernel", "AxpyBenchmark": "kernel", "UnaryBenchmark": "kernel",
            "ReduceBenchmark": "kernel", "SoftmaxBenchmark": "kernel", "NDArrayBenchmark": "ndarray",
            "GemmBenchmark": "gemm", "MlpGemmBenchmark": "gemm", "AutodiffBenchmark": "autodiff", "TrainingStepBenchmark": "training",
            "ManipulationBenchmark": "manipulation", "ScanSortBenchmark": "scan", "Conv2DBenchmark": "conv",
            "NDArrayOpsBenchmark": "ndarrayOps", "NDArrayUnaryOpsBenchmark": "ndarrayUnaryOps",
            "ScopedOpsBenchmark": "scoped", "SequenceLayersBenchmark": "sequence", "CnnTrainingStepBenchmark": "cnn"}
RENAMES = {("ManipulationBenchmark", "scopedGatherRows"): "gatherRows",
           ("ManipulationBenchmark", "scopedGatherElements"): "gatherElements",
           ("ManipulationBenchmark", "scopedConcat"): "concat", ("ManipulationBenchmark", "scopedConcatRows"): "concatRows",
           ("AddBenchmark", "simd"): "add", ("AddBenchmark", "scalar"): "add",
           ("AddBenchmark", "simdBroadcastRight"): "addScalar", ("AddBenchmark", "scalarBroadcastRight"): "addScalar",
           ("AxpyBenchmark", "simd"): "axpy", ("AxpyBenchmark", "scalar"): "axpy"}


def op_of(cls, method):
    if (cls, method) in RENAMES:
        return RENAMES[(cls, method)]
    family = FAMILIES[cls]
    if family == "gemm":
        if cls == "MlpGemmBenchmark":
            return "mlpProduct"                           # simd and simdThreads answer the step's products
        return "matmul"                                   # simd, simdThreads, scalar and ejml all answer matmul
    if family == "kernel":
        return re.sub(r"(Simd|Scalar)$", "", method)      # expSimd / expScalar -> exp
    if family == "training":
        return re.sub(r"AllThreads$", "", method)          # sgdStepAllThreads -> sgdStep (run.py times all cores too)
    return method


def main():
    cases = set()
    for line in sys.stdin:
        parts = line.strip().split(".")
        if len(parts) >= 2 and parts[-2] in FAMILIES:
            cases.add(re.escape(f"{FAMILIES[parts[-2]]}.{op_of(parts[-2], parts[-1])}"))
    if cases:
        print("^(" + "|".join(sorted(cases)) + ")$")


if __name__ == "__main__":
    main()
