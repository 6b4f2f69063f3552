#!/usr/bin/env bash
# Side-by-side: PyTorch F.cross_entropy forward+backward against xent's fused loss, same shapes, same machine,
# same run. Prints ns per logit element and torch_time / xent_time (above 1: xent is faster).
#
# Usage: bench/loss_vs_torch.sh [--threads "1 2"] [--shapes "65536x10 8192x1000 4096x32768 1024x131072"] [--membw]
#        [--jvms 3]   (xent runs in this many fresh JVMs; the median by forward+backward is reported)
#        [--rounds 1] (the whole table this many times, PyTorch and xent side by side in each round; with more
#                      than one, a closing summary gives each shape's median ratio over the rounds, min and max)
# JAVA_HOME picks the JDK (17 or later, e.g. /usr/lib/jvm/temurin-25-jdk-amd64); default: java on PATH.
# Builds xent-core and xent-bench first if their classes are missing. Run it on a quiet machine: it reports what
# `uptime` said before it started.
set -euo pipefail
# A failing step ends the script (set -e), also inside $(...), where it would say nothing: name it.
trap 'echo "loss_vs_torch.sh: stopped at line $LINENO, exit status $?: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."

threads_list="1 2"
shapes="65536x10 8192x1000 4096x32768 1024x131072"
membw=0
jvms=3
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads_list="$2"; shift 2 ;;
    --shapes) shapes="$2"; shift 2 ;;
    --membw) membw=1; shift ;;
    --jvms) jvms="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown argument $1; see the header of $0" >&2; exit 2 ;;
  esac
done

if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]] || ! [[ "$jvms" =~ ^[1-9][0-9]*$ ]]; then
  echo "loss_vs_torch.sh: --rounds and --jvms take a positive whole number, got '$rounds' and '$jvms'" >&2
  exit 2
fi
ratios=$(mktemp)
trap 'rm -f "$ratios"' EXIT

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
python=/usr/bin/python3
if [ ! -d xent-bench/target/classes/dev/xent/bench ] || [ ! -d xent-core/target/classes/dev/xent/kernel/vector ]; then
  echo "building xent-core and xent-bench ..." >&2
  mvn -q -pl xent-core,xent-bench -am install -DskipTests >&2
fi
cp_xent="xent-core/target/classes:xent-bench/target/classes"

echo "# $(date -u +%FT%TZ) $(uname -n): $(uptime | sed 's/.*load/load/')"
echo "# $("$java_bin" -version 2>&1 | head -1); $($python -c 'import torch; print("torch", torch.__version__)')"
if [ "$membw" = 1 ]; then
  echo "# memory bandwidth (bench/membw.py): $($python bench/membw.py | tr '\n' ' ')"
fi

# field NAME from a one-line JSON object
field() { $python -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
# field NAME of each one-line JSON object on stdin, sorted, one per line
sorted_field() {
  $python -c 'import json,sys; print("\n".join(str(v) for v in sorted(json.loads(l)[sys.argv[1]] for l in sys.stdin if l.strip())))' "$1"
}

printf '%-13s %3s | %11s %11s | %11s %11s | %9s %9s | %11s %9s | %9s | %s\n' shape thr torch_fwd xent_fwd torch_f+b \
  xent_f+b ratio_fwd ratio_f+b xent_inplace ratio_inp rw_floor "xent f+b in each JVM"
for round in $(seq "$rounds"); do
  for t in $threads_list; do
    for s in $shapes; do
      n=${s%x*}; c=${s#*x}
      tj=$($python bench/torch_ce.py "$t" --json --shapes "$s")
      # xent in $jvms fresh JVMs, the median run by forward+backward: where the JIT compiles the kernels differs
      # from one JVM to the next, and now and then comes out slower (see bench/README.md)
      runs=()
      for _ in $(seq "$jvms"); do
        runs+=("$("$java_bin" --add-modules jdk.incubator.vector -Xmx3g -cp "$cp_xent" dev.xent.bench.LossBenchmark \
          --rows "$n" --classes "$c" --threads "$t" --json 2>/dev/null)")
      done
      xj=$(printf '%s\n' "${runs[@]}" | $python -c 'import json,sys; r=sorted((json.loads(l) for l in sys.stdin if l.strip()), key=lambda o: o["fwd_bwd_ns_per_elem"]); print(json.dumps(r[len(r)//2]))')
      spread=$(printf '%s\n' "${runs[@]}" | sorted_field fwd_bwd_ns_per_elem | awk '{printf "%s%.2f", (NR > 1 ? " " : ""), $1}')
      tf=$(field "$tj" fwd_ns_per_elem); tb=$(field "$tj" fwd_bwd_ns_per_elem)
      xf=$(field "$xj" fwd_ns_per_elem); xb=$(field "$xj" fwd_bwd_ns_per_elem); xc=$(field "$xj" copy_ns_per_elem)
      # the in-place time is the median over the JVMs on its own: a JVM's run may catch a slow stretch in one of its
      # timing windows and not in the other
      xi=$(printf '%s\n' "${runs[@]}" | sorted_field fwd_bwd_in_place_ns_per_elem | awk '{v[NR] = $1} END {print v[int(NR / 2) + 1]}')
      $python -c 'import sys; s,t,tf,xf,tb,xb,xi,xc=sys.argv[1:]; tf,xf,tb,xb,xi,xc=map(float,(tf,xf,tb,xb,xi,xc)); print(f"{s:<13} {t:>3} | {tf:11.3f} {xf:11.3f} | {tb:11.3f} {xb:11.3f} | {tf/xf:8.2f}x {tb/xb:8.2f}x | {xi:11.3f} {tb/xi:8.2f}x | {xc:9.3f}", end="")' \
        "$s" "$t" "$tf" "$xf" "$tb" "$xb" "$xi" "$xc"
      echo " | $spread"
      echo "$s $t $tb $xb $xi" >> "$ratios"
    done
  done
done
echo "# ns per logit element, best of repetitions; ratio = torch time / xent time; provider: $(field "$xj" provider) $(field "$xj" vector_bits)-bit"
echo "# xent_inplace: forward+backward with the gradient written over the logits (PyTorch has no such call), median over the JVMs; ratio_inp against torch_f+b"
echo "# rw_floor: Java reading the logits and writing the gradient once on the same arrays and threads, no arithmetic"
if (( rounds > 1 )); then
  echo "# over $rounds rounds, each a PyTorch run and xent's median JVM side by side: median ratio (min, max)"
  $python - "$ratios" <<'PYEOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for key in dict.fromkeys((r[0], r[1]) for r in rows):
    sel = [r for r in rows if (r[0], r[1]) == key]
    fb = sorted(float(r[2]) / float(r[3]) for r in sel)
    inp = sorted(float(r[2]) / float(r[4]) for r in sel)
    print(f"{key[0]:<13} {key[1]:>3} | ratio_f+b {statistics.median(fb):5.2f}x ({fb[0]:.2f}, {fb[-1]:.2f})"
          f" | ratio_inp {statistics.median(inp):5.2f}x ({inp[0]:.2f}, {inp[-1]:.2f})")
PYEOF
fi
