"""Timing, environment capture and the case registry shared by the NumPy and PyTorch baselines.

Standard library only (threadpoolctl is used when installed, and is not needed). Every result file
records what actually ran, because a baseline figure means nothing without it: library versions, the
BLAS library and the kernel ("core") OpenBLAS picked at run time, thread counts, the CPU and its ISA,
and the BLAS-related environment variables.

Adding a case: in numpy_cases.py or torch_cases.py, decorate a function with @case(family, op, **params);
it receives the params and returns a zero-argument callable to time (set up the data outside it). The
family/op/params triple is what jmh/compare.py matches against the JMH benchmark of the same name.
"""
import ctypes
import json
import os
import platform
import re
import statistics
import sys
import time

# ---- the registry ----

CASES = []


def case(family, op, **params):
    """Registers fn(**params) -> callable as one measured case; see the module docstring."""
    def register(fn):
        CASES.append({"family": family, "op": op, "params": params, "make": fn})
        return fn
    return register


def grid(family, op, key, values, **fixed):
    """Registers one case per value of `key` (e.g. one per array size)."""
    def register(fn):
        for v in values:
            case(family, op, **{key: v}, **fixed)(fn)
        return fn
    return register


# ---- timing ----

def bench(fn, min_block_s=0.1, blocks=7, warmup_blocks=1):
    """Median seconds per call of fn(); calls are grouped into blocks of at least min_block_s so the
    clock's resolution and Python's loop cost vanish against the work."""
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        dt = time.perf_counter() - t0
        if dt >= min_block_s:
            break
        reps = max(reps * 2, int(reps * min_block_s / max(dt, 1e-9) * 1.2))
    samples = []
    for b in range(warmup_blocks + blocks):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        if b >= warmup_blocks:
            samples.append((time.perf_counter() - t0) / reps)
    return {"median_s": statistics.median(samples), "min_s": min(samples), "max_s": max(samples),
            "reps_per_block": reps, "blocks": blocks}


def run_cases(library, select, min_block_s, blocks, extra=None):
    """Times every registered case whose 'family.op' matches the regex `select`; prints one line each."""
    rows = []
    pattern = re.compile(select)
    for c in CASES:
        name = c["family"] + "." + c["op"]
        if not pattern.search(name):
            continue
        fn = c["make"](**c["params"])
        r = bench(fn, min_block_s=min_block_s, blocks=blocks)
        row = {"family": c["family"], "op": c["op"], "params": c["params"], **(extra or {}), **r}
        rows.append(row)
        label = " ".join(f"{k}={v}" for k, v in c["params"].items())
        print(f"{library:5s} {name:28s} {label:28s} {r['median_s'] * 1e6:12.3f} us", flush=True)
    return rows


# ---- what ran: CPU, ISA, BLAS, threads ----

BLAS_ENV = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_CORETYPE",
            "OPENBLAS_L2_SIZE", "OPENBLAS_VERBOSE", "GOMP_CPU_AFFINITY", "KMP_AFFINITY"]
ISA_FLAGS = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_vnni",
             "avx512_bf16", "amx_tile", "sve", "asimd"]


def cpu_info():
    """The CPU model, core count and the vector ISA extensions the kernel reports."""
    model, flags = platform.processor() or platform.machine(), set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and model in ("", platform.machine(), platform.processor()):
                    model = line.split(":", 1)[1].strip()
                if line.startswith(("flags", "Features")) and not flags:
                    flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    isa = [f for f in ISA_FLAGS if f in flags]
    return {"model": model, "machine": platform.machine(), "ncpu": os.cpu_count(), "isa": isa,
            "vector_isa": best_isa(isa), "os": platform.platform()}


def best_isa(isa):
    if "avx512f" in isa:
        return "AVX-512"
    if "avx2" in isa:
        return "AVX2" + (" + FMA" if "fma" in isa else "")
    if "sve" in isa:
        return "SVE"
    if "asimd" in isa:
        return "NEON"
    return "SSE" if "sse4_2" in isa else "none"


def loaded_libraries(*needles):
    """Real paths of the shared libraries mapped into this process whose name contains a needle."""
    out = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                p = line.split()[-1]
                if p.startswith("/") and any(n in os.path.basename(p).lower() for n in needles):
                    rp = os.path.realpath(p)
                    if rp not in out:
                        out.append(rp)
    except OSError:
        pass
    return out


def openblas_info():
    """For every OpenBLAS in the process: its core (the kernel set it picked at load time), config and
    threads, asked of the library itself with ctypes. Works for numpy's symbol-prefixed scipy_openblas
    and for Debian's libopenblas, with or without threadpoolctl."""
    out = []
    for path in loaded_libraries("openblas"):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        info = {"library": os.path.basename(path), "path_kind": "system" if path.startswith("/usr/lib") else "bundled"}
        for pre in ("", "scipy_"):
            for suf in ("", "64_"):
                for fn in ("openblas_get_corename", "openblas_get_config", "openblas_get_num_threads"):
                    f = getattr(lib, pre + fn + suf, None)
                    if f is None:
                        continue
                    if fn.endswith("threads"):
                        f.restype = ctypes.c_int
                        info["num_threads"] = f()
                    else:
                        f.restype = ctypes.c_char_p
                        info[fn.replace("openblas_get_", "")] = f().decode()
        if "corename" in info:
            out.append(info)
    return out


def set_blas_threads(n):
    """Sets every loaded OpenBLAS's thread count at run time (threadpoolctl when present)."""
    try:
        import threadpoolctl
        threadpoolctl.threadpool_limits(limits=n, user_api="blas")
    except ImportError:
        for path in loaded_libraries("openblas"):
            lib = ctypes.CDLL(path)
            for name in ("openblas_set_num_threads", "scipy_openblas_set_num_threads64_",
                         "openblas_set_num_threads64_"):
                fn = getattr(lib, name, None)
                if fn is not None:
                    fn.argtypes = [ctypes.c_int]
                    fn(int(n))
                    break
    return [i.get("num_threads") for i in openblas_info()]


def threadpools():
    try:
        import threadpoolctl
        return [{k: v for k, v in d.items() if k != "filepath"} | {"library": os.path.basename(d["filepath"])}
                for d in threadpoolctl.threadpool_info()]
    except ImportError:
        return None


# ---- the traps, handled here rather than in a reader's head ----

GENERIC_CORES = {"prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "katmai", "coppermine",
                 "northwood", "banias", "opteron", "barcelona", "bobcat", "generic", "armv8"}


def best_coretype(isa):
    if "avx512f" in isa and "avx512vl" in isa:
        return "SKYLAKEX"
    if "avx2" in isa and "fma" in isa:
        return "HASWELL"
    return None


def check_blas(library, allow_reference_blas=False):
    """Refuses to produce meaningless figures:
    - a reference (netlib) BLAS instead of OpenBLAS: Debian's torch links libblas.so.3, which is the slow
      reference implementation unless libopenblas0-pthread is installed (apt install libopenblas0-pthread);
    - an OpenBLAS whose run-time core is a generic one on a CPU with AVX2/AVX-512 (an OpenBLAS older than
      the CPU): the process re-executes itself once with OPENBLAS_CORETYPE set to the best kernel set the
      CPU supports, and records that it did.
    Returns a list of notes for the result file."""
    notes = []
    ob = openblas_info()
    blas = [p for p in loaded_libraries("blas") if "openblas" not in p.lower()]
    reference = [p for p in blas if os.path.basename(p).startswith(("libblas", "libcblas"))
                 and "openblas" not in os.path.dirname(p).lower()]
    if reference and not ob:
        msg = (f"{library}: the BLAS in this process is the reference BLAS ({', '.join(reference)}), "
               "not OpenBLAS: GEMM would be many times slower than a real baseline. On Debian/Ubuntu run "
               "`apt install libopenblas0-pthread` (it becomes libblas.so.3 through update-alternatives).")
        banner(msg)
        if not allow_reference_blas:
            sys.exit(3)
        notes.append("REFERENCE BLAS: figures are not a baseline. " + msg)
    isa = cpu_info()["isa"]
    for i in ob:
        core = i.get("corename", "").lower()
        want = best_coretype(isa)
        if core in GENERIC_CORES and want:
            if os.environ.get("OPENBLAS_CORETYPE", "").upper() != want and not os.environ.get("VG_BASELINE_REEXEC"):
                banner(f"{library}: OpenBLAS {i.get('library')} picked the generic core '{core}' on a CPU with "
                       f"{best_isa(isa)}; re-running with OPENBLAS_CORETYPE={want}")
                env = dict(os.environ, OPENBLAS_CORETYPE=want, VG_BASELINE_REEXEC="1")
                os.execve(sys.executable, [sys.executable] + sys.argv, env)
            notes.append(f"OpenBLAS {i.get('library')} core '{core}' is generic for this CPU")
    if os.environ.get("VG_BASELINE_REEXEC"):
        notes.append(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} was set by the script: this "
                     "OpenBLAS does not recognise the CPU and picked a generic core on its own")
    elif os.environ.get("OPENBLAS_CORETYPE") or os.environ.get("OPENBLAS_L2_SIZE"):
        notes.append("OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE were set by the caller (jmh/bench.sh unsets them)")
    return notes


def banner(msg):
    line = "!" * 100
    print(f"\n{line}\n!! {msg}\n{line}\n", file=sys.stderr, flush=True)


def environment(library, versions):
    return {"library": library, "versions": versions, "python": platform.python_version(),
            "python_executable": "system" if sys.executable.startswith("/usr/bin") else "other",
            "cpu": cpu_info(), "openblas": openblas_info(), "threadpools": threadpools(),
            "env": {k: os.environ.get(k) for k in BLAS_ENV if os.environ.get(k) is not None}}


def write_json(path, obj):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
    print("wrote", path, flush=True)
