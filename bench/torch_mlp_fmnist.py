# PyTorch CPU anchor: MLP 784-256-128-10 (ReLU, softmax cross-entropy, Adam lr 1e-3, batch 128)
# on Fashion-MNIST from Debian's dataset-fashion-mnist package. Prints per-epoch time and test accuracy.
# Usage: torch_mlp_fmnist.py [THREADS=2] [EPOCHS=5] [BATCH=128]
import gzip, sys, time, numpy as np, torch, torch.nn as nn
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 128  # third argument added for the batch sweep
D = "/usr/share/datasets/fashion-mnist/"
def idx(path, off):
    with gzip.open(D + path) as f: return np.frombuffer(f.read(), np.uint8, offset=off)
xtr = torch.tensor(idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784) / 255.0, dtype=torch.float32)
ytr = torch.tensor(idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64))
xte = torch.tensor(idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784) / 255.0, dtype=torch.float32)
yte = torch.tensor(idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
lossf = nn.CrossEntropyLoss()
t0 = time.perf_counter()
for ep in range(epochs):
    t = time.perf_counter(); perm = torch.randperm(len(xtr)); tot = 0.0
    for i in range(0, len(xtr), batch):
        b = perm[i:i+batch]
        opt.zero_grad(); loss = lossf(model(xtr[b]), ytr[b]); loss.backward(); opt.step(); tot += loss.item() * len(b)
    dt = time.perf_counter() - t
    with torch.no_grad(): acc = (model(xte).argmax(1) == yte).float().mean().item()
    print(f"epoch {ep+1}: {dt:.2f} s ({len(xtr)/dt:.0f} samples/s) train loss {tot/len(xtr):.4f} test acc {acc:.4f}")
print(f"total {time.perf_counter()-t0:.1f} s")
