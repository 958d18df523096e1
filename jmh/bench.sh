#!/usr/bin/env bash
# Runs the JMH suite (or the benchmarks matching $1), then the project's own NumPy and PyTorch baselines
# (jmh/baselines/) for the same benchmark families, minutes apart on the same machine, and writes
# jmh/target/RESULTS.md with the ratio tables (jmh/compare.py). Raw JSON lands beside it in jmh/target/.
#   jmh/bench.sh                      # everything (about 40-50 minutes)
#   jmh/bench.sh 'Gemm|NDArray'       # a named subset (a JMH regex; the baselines follow it)
# Environment:
#   JMH_OPTS        JMH options (default: one fork, 3 warm-ups and 5 measurements of 1 s)
#   BASELINE_OPTS   extra options for jmh/baselines/run.py (e.g. --quick to check the pipeline only)
#   NUMPY_PYTHON    interpreter for the NumPy baseline (default: the first python3 on PATH with numpy)
#   TORCH_PYTHON    interpreter for the PyTorch baseline (default: the first python3 on PATH with torch)
# Needs (Debian/Ubuntu): python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread.
set -euo pipefail
cd "$(dirname "$0")/.."
regex=${1:-.}
opts=${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
read -r -a baseline_opts <<< "${BASELINE_OPTS:-}"
out=jmh/target

# the JDK 25 that ./mvnw uses, for the cold-start runs outside Maven
. .mvn/require-jdk.sh
java="$JAVA_HOME/bin/java"

./mvnw -q install -DskipTests -Dnested.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
./mvnw -q -f jmh package
mkdir -p "$out"
rm -f "$out"/jmh.json "$out"/numpy.json "$out"/torch.json "$out"/coldstart.json "$out"/vectorgrad-info.txt

# Which baseline cases answer the selected JMH benchmarks (a regex over jmh/baselines' family.op names).
listed=$("$java" --add-modules jdk.incubator.vector -jar jmh/target/benchmarks.jar -l "$regex" 2>/dev/null || true)
select=$(python3 jmh/baselines/jmh_to_cases.py <<< "$listed")
coldstart=no
if printf 'dev.vectorgrad.bench.ColdStart\n' | grep -qE -- "$regex"; then coldstart=yes; fi

# what vectorgrad chose on this machine (SIMD, width, threads, JIT), for the report
"$java" --add-modules jdk.incubator.vector -cp jmh/target/benchmarks.jar dev.vectorgrad.bench.ColdStart info \
    > "$out/vectorgrad-info.txt" 2>/dev/null || true
if grep -q "^dev\.vectorgrad\." <<< "$listed"; then
  ./mvnw -q -f jmh exec:exec -Djmh.args="$regex $opts -rf json -rff $(pwd)/$out/jmh.json"
fi

# First python3 on PATH that imports $1 (several are common: pyenv or a venv before the system one).
find_python() {
  local p
  for p in $(type -ap python3 python); do
    if "$p" -c "import $1" 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
numpy_python=${NUMPY_PYTHON:-$(find_python numpy || true)}
torch_python=${TORCH_PYTHON:-$(find_python torch || true)}
warn() { printf '\n!!!!! %s\n\n' "$*" >&2; }

# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE left in the environment make a current OpenBLAS use a kernel chosen
# for another CPU: the baselines run without them and record the kernel OpenBLAS picked itself.
baseline_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS)
if [ -n "$select" ]; then
  if [ -n "$numpy_python" ]; then
    "${baseline_env[@]}" "$numpy_python" jmh/baselines/run.py numpy --out "$out/numpy.json" --select "$select" "${baseline_opts[@]}"
  else
    warn "no python3 with numpy on PATH: no NumPy column (apt install python3-numpy, or set NUMPY_PYTHON)"
  fi
  if [ -n "$torch_python" ]; then
    "${baseline_env[@]}" "$torch_python" jmh/baselines/run.py torch --out "$out/torch.json" --select "$select" "${baseline_opts[@]}"
  else
    warn "no python3 with torch on PATH: no PyTorch column (apt install python3-torch libopenblas0-pthread, or set TORCH_PYTHON)"
  fi
fi
if [ "$coldstart" = yes ]; then
  cold=(--out "$out/coldstart.json" --java "$java" --jar jmh/target/benchmarks.jar --aot-dir "$out")
  [ -n "$numpy_python" ] && cold+=(--numpy-python "$numpy_python")
  [ -n "$torch_python" ] && cold+=(--torch-python "$torch_python")
  "${baseline_env[@]}" python3 jmh/baselines/cold_start.py "${cold[@]}"
fi

args=()
for f in jmh numpy torch coldstart; do
  [ -f "$out/$f.json" ] && args+=(--"$f" "$out/$f.json")
done
[ -s "$out/vectorgrad-info.txt" ] && args+=(--vectorgrad-info "$out/vectorgrad-info.txt")
python3 jmh/compare.py "${args[@]}" > "$out/RESULTS.md"
echo "wrote $out/RESULTS.md"
