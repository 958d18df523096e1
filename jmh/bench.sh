#!/usr/bin/env bash
# Runs the JMH suite (or the benchmarks matching $1) and the NumPy/PyTorch baselines in the same
# session, then writes jmh/target/RESULTS.md with the ratio tables (commit it as jmh/RESULTS.md).
#   jmh/bench.sh                      # everything (about 30-40 minutes)
#   jmh/bench.sh 'Gemm|NDArray'       # a named subset
# JMH options can be overridden with JMH_OPTS (default: one fork, 3 warm-ups and 5 measurements of 1 s).
set -euo pipefail
cd "$(dirname "$0")/.."
regex=${1:-.}
opts=${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
bench=/work/shared/bench
[ -d "$bench" ] || bench=../shared/bench
./mvnw -q install -DskipTests -Dnested.skip=true
./mvnw -q -f jmh package
mkdir -p jmh/target
./mvnw -q -f jmh exec:exec -Djmh.args="$regex $opts -rf json -rff $(pwd)/jmh/target/jmh.json"
if [ -d "$bench" ]; then
  (cd "$bench" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 numpy_baseline.py --out "$OLDPWD/jmh/target/numpy.json")
  (cd "$bench" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 python3 numpy_baseline.py --what gemm \
      --out "$OLDPWD/jmh/target/numpy-2threads.json")
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    (cd "$bench" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 torch_autodiff.py \
        "$OLDPWD/jmh/target/torch.json" --threads 1)
  fi
fi
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 jmh/torch_conv.py jmh/target/torch-conv.json --threads 1
fi
args=(--jmh jmh/target/jmh.json)
[ -f jmh/target/numpy.json ] && args+=(--numpy jmh/target/numpy.json)
[ -f jmh/target/numpy-2threads.json ] && args+=(--numpy2 jmh/target/numpy-2threads.json)
[ -f jmh/target/torch.json ] && args+=(--torch jmh/target/torch.json)
[ -f jmh/target/torch-conv.json ] && args+=(--torch-conv jmh/target/torch-conv.json)
python3 jmh/compare.py "${args[@]}" > jmh/target/RESULTS.md
echo "wrote jmh/target/RESULTS.md"
