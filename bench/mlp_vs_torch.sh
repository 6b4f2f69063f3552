#!/usr/bin/env bash
# Training throughput of xent against the PyTorch CPU anchor, in one run.
#
# The same network (784-256-128-10, ReLU, softmax cross-entropy), optimizer (Adam, lr 1e-3), data (all 60000
# Fashion-MNIST training rows, no validation split), epochs and thread count, trained by PyTorch
# (bench/torch_mlp_fmnist.py) and by `xent train --json`, for batch sizes 128, 32 and 512. Prints the
# steady-state samples/s of each (epochs after the first, whose time includes warm-up) and xent/torch.
# Run it on a quiet machine: both sides are timed with whatever else is running.
#
# Usage: bench/mlp_vs_torch.sh [THREADS=2] [EPOCHS=3] ["BATCHES"="128 32 512"]
# Env:   XENT_FMNIST (default /usr/share/datasets/fashion-mnist), PYTHON (default /usr/bin/python3)
set -euo pipefail
# A failing step ends the script (set -e), also inside $(...), where it would say nothing: name it.
trap 'echo "mlp_vs_torch.sh: stopped at line $LINENO, exit status $?: $BASH_COMMAND" >&2' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-2}"
EPOCHS="${2:-3}"
BATCHES="${3:-128 32 512}"
DATA="${XENT_FMNIST:-/usr/share/datasets/fashion-mnist}"
PY="${PYTHON:-/usr/bin/python3}"
ROWS=60000

if (( EPOCHS < 2 )); then
  echo "mlp_vs_torch.sh: EPOCHS must be >= 2 (the first epoch is warm-up and not counted)" >&2
  exit 2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "threads $THREADS, epochs $EPOCHS, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %16s %16s %10s\n' batch torch_samples/s xent_samples/s xent/torch
for B in $BATCHES; do
  "$PY" "$ROOT/bench/torch_mlp_fmnist.py" "$THREADS" "$EPOCHS" "$B" > "$tmp/torch.txt"
  torch_sps="$("$PY" - "$tmp/torch.txt" "$ROWS" <<'PYEOF'
import re, sys
secs = [float(s) for s in re.findall(r"^epoch \d+: ([0-9.]+) s", open(sys.argv[1]).read(), re.M)]
steady = secs[1:]
print(f"{int(sys.argv[2]) * len(steady) / sum(steady):.0f}")
PYEOF
)"
  "$ROOT/xent" train "$DATA" --hidden 256,128 --activation relu --optimizer adam --lr 1e-3 \
      --batch-size "$B" --epochs "$EPOCHS" --threads "$THREADS" --validation-split 0 --seed 0 \
      --out "$tmp/model-$B" --json > "$tmp/xent.json" 2> "$tmp/xent.err" || { cat "$tmp/xent.err" >&2; exit 1; }
  xent_sps="$("$PY" -c 'import json, sys; print(round(json.load(open(sys.argv[1]))["samples_per_second"]))' \
      "$tmp/xent.json")"
  ratio="$("$PY" -c "print(f'{$xent_sps / $torch_sps:.2f}')")"
  printf '%-6s %16s %16s %10s\n' "$B" "$torch_sps" "$xent_sps" "$ratio"
done
