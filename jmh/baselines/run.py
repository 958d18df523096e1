"""Runs the NumPy or PyTorch baseline cases and writes one JSON file that records what ran.

  python3 run.py numpy --out numpy.json [--select REGEX] [--quick]
  python3 run.py torch --out torch.json [--select REGEX] [--quick] [--allow-reference-blas]

Every case is timed with one thread (OpenBLAS and torch both limited to 1): the figure to compare with
vectorgrad's one-thread benchmarks. Then the multi-threaded families (gemm, training, autodiff) are timed
again with every core (`threads` = cores in the row), for the "all threads" columns. On a 2-core machine
torch with 2 threads oversubscribes (its OpenMP pool plus OpenBLAS's own pthreads fight for 2 cores) and is
often slower than with 1: both are recorded, and jmh/compare.py compares against the faster one, saying so.

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (jmh/bench.sh does): a current OpenBLAS picks the
best kernel for the CPU itself, and a forced one can be slower. The kernel that ran is recorded. If the
OpenBLAS is too old to know the CPU and falls back to a generic kernel, the script sets OPENBLAS_CORETYPE
itself and records that; if the BLAS is the reference one (Debian's torch without libopenblas0-pthread),
it refuses to run.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

MULTI_THREAD_FAMILIES = r"^(gemm|training|autodiff)\."

ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
ap.add_argument("library", choices=["numpy", "torch"])
ap.add_argument("--out", required=True)
ap.add_argument("--select", default=".", help="regex over 'family.op', e.g. 'gemm|kernel\\.add'")
ap.add_argument("--quick", action="store_true", help="tiny blocks: checks the pipeline, figures meaningless")
ap.add_argument("--allow-reference-blas", action="store_true")
args = ap.parse_args()

block_s, blocks = (0.005, 2) if args.quick else (0.1, 7)
ncpu = os.cpu_count() or 1

if args.library == "numpy":
    import numpy as np
    import numpy_cases  # noqa: F401  (registers the cases)
    versions = {"numpy": np.__version__}
else:
    import torch
    import torch_cases  # noqa: F401
    versions = {"torch": torch.__version__, "mkldnn": torch.backends.mkldnn.is_available(),
                "mkl": torch.backends.mkl.is_available(), "openmp": torch.backends.openmp.is_available()}
    # torch loads its BLAS lazily: one product maps it into the process before the BLAS check
    torch.ones(8, 8) @ torch.ones(8, 8)

notes = harness.check_blas(args.library, args.allow_reference_blas)
env = harness.environment(args.library, versions)
if args.library == "torch":
    env["torch_config"] = torch.__config__.show()


def set_threads(n):
    blas = harness.set_blas_threads(n)
    if args.library == "torch":
        torch.set_num_threads(n)
        return {"threads": torch.get_num_threads(), "blas_threads": blas}
    return {"threads": n, "blas_threads": blas}


for i in env["openblas"]:
    print(f"{args.library}: OpenBLAS {i.get('library')} core={i.get('corename')} config={i.get('config')}", flush=True)
for n in notes:
    print(f"{args.library}: note: {n}", flush=True)

rows = harness.run_cases(args.library, args.select, block_s, blocks, extra=set_threads(1))
if ncpu > 1:
    import re
    multi = f"(?=.*{args.select})(?={MULTI_THREAD_FAMILIES})" if args.select != "." else MULTI_THREAD_FAMILIES
    if any(re.search(multi, c["family"] + "." + c["op"]) for c in harness.CASES):
        rows += harness.run_cases(args.library, multi, block_s, blocks, extra=set_threads(ncpu))

harness.write_json(args.out, {**env, "notes": notes, "quick": args.quick, "results": rows})
