#!/usr/bin/env bash
# Fashion-MNIST acceptance check: `xent train` with its defaults + `xent evaluate` on the test split, for
#   - the MLP 784-256-128-10 (Adam lr 1e-3, batch 128, 10 epochs, 10% validation split, seed 0):
#     target test accuracy >= 0.89 with <= 30 s of training;
#   - softmax regression fitted by L-BFGS (--hidden 0 --optimizer lbfgs):
#     target test accuracy >= 0.84 with <= 10 s of training.
# Prints test accuracy and training seconds (the sum of the epochs' wall times, validation included) of each,
# and exits 1 when a target is missed. Timings depend on the machine and its load: run it on a quiet one.
#
# Usage: bench/fmnist_check.sh [THREADS=all processors]
# Env:   XENT_FMNIST (default /usr/share/datasets/fashion-mnist), PYTHON (default /usr/bin/python3)
set -euo pipefail
# A failing step ends the script (set -e), also inside $(...), where it would say nothing: name it.
trap 'echo "fmnist_check.sh: stopped at line $LINENO, exit status $?: $BASH_COMMAND" >&2' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${XENT_FMNIST:-/usr/share/datasets/fashion-mnist}"
PY="${PYTHON:-/usr/bin/python3}"
THREADS=()
if [[ $# -ge 1 ]]; then THREADS=(--threads "$1"); fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

field() { "$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

missed=0
check() { # name, min accuracy, max seconds, train options...
  local name="$1" min_acc="$2" max_s="$3"
  shift 3
  "$ROOT/xent" train "$DATA" "$@" "${THREADS[@]}" --out "$tmp/$name" --json > "$tmp/$name-train.json"
  "$ROOT/xent" evaluate "$tmp/$name" "$DATA" "${THREADS[@]}" --json > "$tmp/$name-eval.json"
  local acc secs verdict
  acc="$(field "$tmp/$name-eval.json" accuracy)"
  secs="$(field "$tmp/$name-train.json" training_seconds)"
  verdict="$("$PY" -c "print('ok' if $acc >= $min_acc and $secs <= $max_s else 'MISSED')")"
  [[ "$verdict" == ok ]] || missed=1
  printf '%-20s test accuracy %.4f (target >= %s)   training %.1f s (target <= %s s)   %s\n' \
      "$name" "$acc" "$min_acc" "$secs" "$max_s" "$verdict"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
check mlp-256-128 0.89 30 --hidden 256,128
check softmax-lbfgs 0.84 10 --hidden 0 --optimizer lbfgs
exit "$missed"
