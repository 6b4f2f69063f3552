#!/usr/bin/env bash
# Training throughput of xent against the PyTorch CPU anchor, in one run.
#
# The same network (784-256-128-10, ReLU, softmax cross-entropy), optimizer (Adam, lr 1e-3), data (all 60000
# Fashion-MNIST training rows, no validation split), epochs and thread count, trained by PyTorch
# (bench/torch_mlp_fmnist.py) and by `xent train --json`, for batch sizes 128, 32 and 512. Prints the
# steady-state samples/s of each (epochs after the first, whose time includes warm-up) and xent/torch.
# Run it on a quiet machine: both sides are timed with whatever else is running.
#
# PyTorch runs twice per batch size. "torch" is the anchor script as it comes, in the default environment.
# "torch_tuned" is the same script with OMP_WAIT_POLICY=PASSIVE and OPENBLAS_NUM_THREADS=THREADS: Debian's
# PyTorch does its matrix products in OpenBLAS's own pthreads, which ignore torch.set_num_threads (at 1 thread
# a product keeps both cores of this machine busy), while at 2 threads PyTorch's OpenMP workers spin between
# operations on the cores those OpenBLAS threads need; measured at batch 128 on 2 cores, 11,000 samples/s
# as it comes against 29,000-44,000 with either variable set. xent/torch_tuned is the comparison with PyTorch
# at its best on the same cores.
#
# Usage: bench/mlp_vs_torch.sh [THREADS=2] [EPOCHS=3] ["BATCHES"="128 32 512"] [ROUNDS=1]
#   ROUNDS > 1 repeats the three runs per batch size that many times, one round after the other, and ends with the
#   median ratios per batch size: on a shared VM one run's ratio moves by 15-30% with the machine's slow stretches.
# Env:   XENT_FMNIST (default /usr/share/datasets/fashion-mnist), PYTHON (default /usr/bin/python3)
set -euo pipefail
# A failing step ends the script (set -e), also inside $(...), where it would say nothing: name it.
trap 'echo "mlp_vs_torch.sh: stopped at line $LINENO, exit status $?: $BASH_COMMAND" >&2' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-2}"
EPOCHS="${2:-3}"
BATCHES="${3:-128 32 512}"
ROUNDS="${4:-1}"
DATA="${XENT_FMNIST:-/usr/share/datasets/fashion-mnist}"
PY="${PYTHON:-/usr/bin/python3}"
ROWS=60000

if (( EPOCHS < 2 )); then
  echo "mlp_vs_torch.sh: EPOCHS must be >= 2 (the first epoch is warm-up and not counted)" >&2
  exit 2
fi
if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then
  echo "mlp_vs_torch.sh: ROUNDS must be a positive whole number, got '$ROUNDS'" >&2
  exit 2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "threads $THREADS, epochs $EPOCHS, load: $(cut -d' ' -f1-3 /proc/loadavg)"
# PyTorch's matrix products go through the system BLAS (Debian: the libblas.so.3 alternative). With the reference
# BLAS (libblas3 alone) it trained 4,200 samples/s at batch 128 where OpenBLAS (apt-get install libopenblas0-pthread)
# gave 17,600 as it comes and 50,000 tuned: say which one this run measured against.
blas="$(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null || echo unknown)"
echo "PyTorch's BLAS: $blas"
case "$blas" in
  *openblas*) ;;
  *) echo "warning: PyTorch runs on the reference BLAS here, a weak anchor; as root: apt-get install -y libopenblas0-pthread" >&2 ;;
esac
printf '%-6s %16s %16s %16s %10s %12s\n' batch torch_samples/s torch_tuned xent_samples/s xent/torch xent/tuned
# samples/s of the steady-state epochs in the output of bench/torch_mlp_fmnist.py
torch_sps() {
  "$PY" - "$1" "$ROWS" <<'PYEOF'
import re, sys
secs = [float(s) for s in re.findall(r"^epoch \d+: ([0-9.]+) s", open(sys.argv[1]).read(), re.M)]
steady = secs[1:]
print(f"{int(sys.argv[2]) * len(steady) / sum(steady):.0f}")
PYEOF
}
for round in $(seq "$ROUNDS"); do
  for B in $BATCHES; do
    "$PY" "$ROOT/bench/torch_mlp_fmnist.py" "$THREADS" "$EPOCHS" "$B" > "$tmp/torch.txt"
    torch_plain="$(torch_sps "$tmp/torch.txt")"
    OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS="$THREADS" \
        "$PY" "$ROOT/bench/torch_mlp_fmnist.py" "$THREADS" "$EPOCHS" "$B" > "$tmp/torch-tuned.txt"
    torch_tuned="$(torch_sps "$tmp/torch-tuned.txt")"
    "$ROOT/xent" train "$DATA" --hidden 256,128 --activation relu --optimizer adam --lr 1e-3 \
        --batch-size "$B" --epochs "$EPOCHS" --threads "$THREADS" --validation-split 0 --seed 0 \
        --out "$tmp/model-$B" --json > "$tmp/xent.json" 2> "$tmp/xent.err" || { cat "$tmp/xent.err" >&2; exit 1; }
    xent_sps="$("$PY" -c 'import json, sys; print(round(json.load(open(sys.argv[1]))["samples_per_second"]))' \
        "$tmp/xent.json")"
    ratio="$("$PY" -c "print(f'{$xent_sps / $torch_plain:.2f}')")"
    ratio_tuned="$("$PY" -c "print(f'{$xent_sps / $torch_tuned:.2f}')")"
    printf '%-6s %16s %16s %16s %10s %12s\n' "$B" "$torch_plain" "$torch_tuned" "$xent_sps" "$ratio" "$ratio_tuned"
    echo "$B $ratio $ratio_tuned" >> "$tmp/ratios.txt"
  done
done
if (( ROUNDS > 1 )); then
  "$PY" - "$tmp/ratios.txt" "$ROUNDS" <<'PYEOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for b in dict.fromkeys(r[0] for r in rows):
    plain = sorted(float(r[1]) for r in rows if r[0] == b)
    tuned = sorted(float(r[2]) for r in rows if r[0] == b)
    print(f"batch {b}: median over {sys.argv[2]} rounds xent/torch {statistics.median(plain):.2f} "
          f"(min {plain[0]:.2f}, max {plain[-1]:.2f}), xent/tuned {statistics.median(tuned):.2f}")
PYEOF
fi
