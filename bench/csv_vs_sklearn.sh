#!/usr/bin/env bash
# xent (from CSV files) against scikit-learn's LogisticRegression on iris, wine and breast-cancer:
# held-out accuracy and log loss on the same 75/25 stratified split. Needs python3 with scikit-learn
# (Debian: python3-sklearn) and the xent jar (built by the ./xent launcher when missing).
set -euo pipefail
# A failing step ends the script (set -e), also inside $(...), where it would say nothing: name it.
trap 'echo "csv_vs_sklearn.sh: stopped at line $LINENO, exit status $?: $BASH_COMMAND" >&2' ERR
root="$(cd "$(dirname "$0")/.." && pwd)"
python=/usr/bin/python3; [ -x "$python" ] || python=python3
exec "$python" "$root/bench/csv_vs_sklearn.py" "$root/xent"
