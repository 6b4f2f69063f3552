# PyTorch CPU baseline for categorical cross-entropy forward+backward (Debian python3-torch).
# Usage: python3 bench/torch_ce.py [THREADS] [--json] [--shapes 65536x10,8192x1000,...]
# Timing: after one warm-up call, the best of at least 10 calls and of all calls within 2 s, as xent's
# LossBenchmark (best of at least 5 calls and of all within 2 s, after warm-up). Earlier versions took the
# best of 10 calls; the longer window can only make PyTorch's best faster.
import json, sys, time, torch
import torch.nn.functional as F

args = sys.argv[1:]
as_json = "--json" in args
shapes = [(65536, 10), (8192, 1000), (4096, 32768), (1024, 131072)]
if "--shapes" in args:
    spec = args[args.index("--shapes") + 1]
    shapes = [tuple(int(v) for v in s.split("x")) for s in spec.split(",")]
    del args[args.index("--shapes"):args.index("--shapes") + 2]
positional = [a for a in args if not a.startswith("--")]
threads = int(positional[0]) if positional else 2
torch.set_num_threads(threads)

def bench(fn, reps, window=2.0):
    fn()
    best = 1e9
    start = time.perf_counter()
    i = 0
    while i < reps or time.perf_counter() - start < window:
        t = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t)
        i += 1
    return best

for n, c in shapes:
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n, c, generator=g) * 3
    y = torch.randint(0, c, (n,), generator=g)
    xr = x.clone().requires_grad_(True)
    def fwd():
        with torch.no_grad():
            return F.cross_entropy(x, y)
    def fwdbwd():
        xr.grad = None
        l = F.cross_entropy(xr, y, label_smoothing=0.0)
        l.backward()
    tf = bench(fwd, 10); tb = bench(fwdbwd, 10)
    el = n * c
    if as_json:
        print(json.dumps({"rows": n, "classes": c, "threads": threads, "provider": "torch " + torch.__version__,
                          "fwd_ns_per_elem": tf * 1e9 / el, "fwd_bwd_ns_per_elem": tb * 1e9 / el}), flush=True)
    else:
        print(f"torch threads={threads} N={n} C={c}: fwd {tf*1e3:.2f} ms ({el/tf/1e9:.2f} Gelem/s)  "
              f"fwd+bwd {tb*1e3:.2f} ms ({el/tb/1e9:.2f} Gelem/s)", flush=True)
    del x, xr, y
