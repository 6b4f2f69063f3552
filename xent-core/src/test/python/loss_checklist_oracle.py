"""Prints the PyTorch values that the loss checklist tests (dev.xent.loss.*Test) assert.

Run by hand (never at build or test time): /usr/bin/python3 xent-core/src/test/python/loss_checklist_oracle.py
Everything is float64, so the Java side compares with Precision.FLOAT64.
"""
import torch
import torch.nn.functional as F

torch.set_printoptions(precision=12)
d = torch.float64
logits = torch.tensor([[8.0, 1.0, 1.0], [0.0, 9.0, 1.0], [2.0, 3.0, 5.0]], dtype=d)
onehot = torch.eye(3, dtype=d)
w = torch.tensor([0.2, 0.3, 0.5], dtype=d)
idx = torch.tensor([0, 1, 2])


def show(name, value, grad=None):
    print(name, repr(value.item()) if value.dim() == 0 else value.tolist())
    if grad is not None:
        print(name + ".grad", grad.tolist())


# 1. probability targets + class weights + smoothing: mean divides by N
z = logits.clone().requires_grad_()
v = F.cross_entropy(z, onehot, weight=w, label_smoothing=0.1)
v.backward()
show("dense_w_ls_mean", v, z.grad)

# 2. class indices + class weights + smoothing: mean divides by sum of w_t
z = logits.clone().requires_grad_()
v = F.cross_entropy(z, idx, weight=w, label_smoothing=0.1)
v.backward()
show("sparse_w_ls_mean", v, z.grad)
show("sparse_w_ls_none", F.cross_entropy(logits, idx, weight=w, label_smoothing=0.1, reduction="none"))

# 3. ignore_index with class weights
z = logits.clone().requires_grad_()
v = F.cross_entropy(z, torch.tensor([0, -100, 2]), weight=w)
v.backward()
show("sparse_w_ignore_mean", v, z.grad)

# 4. BCE on probabilities with exact 0 and 1 (log clamp -100, gradient denominator 1e-12)
p = torch.tensor([[0.0, 1.0], [0.3, 0.6]], dtype=d, requires_grad=True)
y = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=d)
v = F.binary_cross_entropy(p, y)
v.backward()
show("bce_probs_saturated_mean", v, p.grad)

# 5. BCE with logits and a per-label weight
x = torch.tensor([[1.5, -2.7], [-3.8, 1.2], [0.3, 0.9]], dtype=d, requires_grad=True)
y = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], dtype=d)
v = F.binary_cross_entropy_with_logits(x, y, weight=torch.tensor([0.5, 2.0], dtype=d))
v.backward()
show("bce_logits_label_weight_mean", v, x.grad)
