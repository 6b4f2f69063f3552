#!/usr/bin/python3
"""safetensors interop between PyTorch and xent, without the `safetensors` pip package.

  write FILE   writes the fixture that SafetensorsTest reads: torch tensors laid out by hand in the format
               (8-byte little-endian header length, JSON header, raw little-endian buffer). The buffer order
               is deliberately not the name order, and the header is not padded, so the reader is exercised
               on a layout our writer never produces.
  check FILE   loads a safetensors file written by xent (e.g. a model.safetensors) into torch tensors,
               checks every header rule, and prints each tensor's name, dtype, shape and sum.
  model DIR [IDX_DIR]
               loads a xent model directory into an equivalent torch nn.Sequential and prints the class
               probabilities of the first two test images of IDX_DIR (or of an all-zeros row); compare with
               `xent predict DIR IDX_DIR`.

Uses /usr/bin/python3 with torch (Debian python3-torch). Never run at build or test time.
"""
import json, struct, sys
import torch

DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "I64": torch.int64,
          "I32": torch.int32, "U8": torch.uint8}
NAMES = {v: k for k, v in DTYPES.items()}


def write(path):
    tensors = {
        # closed forms the Java test asserts: value = 0.5 * index, etc.
        "weight": torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.5,
        "bias": torch.tensor([-1.25, 3.0e-8, 1.0e10], dtype=torch.float64),
        "half": torch.tensor([1.0, -2.5, 65504.0, 2.0 ** -24], dtype=torch.float16),
        "ids": torch.tensor([[0, -1], [2 ** 40, 7]], dtype=torch.int64),
        "scalar": torch.tensor(42.0, dtype=torch.float32),
    }
    order = ["ids", "weight", "scalar", "half", "bias"]  # buffer order differs from name order on purpose
    header, chunks, offset = {"__metadata__": {"format": "pt", "written_by": "safetensors_interop.py"}}, [], 0
    for name in order:
        t = tensors[name].contiguous()
        raw = t.numpy().tobytes()  # numpy on x86 is little-endian, as the format requires
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for c in chunks:
            f.write(c)
    print(f"wrote {path}: {len(h)}-byte header, {offset}-byte buffer")


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    assert 8 + n <= len(data), "header length beyond the file"
    assert n % 8 == 0, f"header length {n} is not padded to 8 bytes as the reference writer does"
    header = json.loads(data[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    names = list(header)
    assert names == sorted(names), f"tensors not in name order: {names}"
    buf, out, expected = data[8 + n:], {}, 0
    for name in names:
        info = header[name]
        b, e = info["data_offsets"]
        assert b == expected, f"{name}: offsets not contiguous"
        expected = e
        t = torch.frombuffer(bytearray(buf[b:e]), dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        out[name] = t
    assert expected == len(buf), "buffer has trailing bytes"
    return out, meta


def check(path):
    tensors, meta = load(path)
    print("metadata", meta)
    for name, t in tensors.items():
        print(f"{name} {NAMES[t.dtype]} {list(t.shape)} sum={t.double().sum().item():.9g}")


def model(directory, idx_dir=None):
    """Rebuilds a xent model as a torch nn.Sequential; prints class probabilities of the first two rows of
    IDX_DIR's test split (or of an all-zeros row), to compare with `xent predict`."""
    cfg = json.load(open(f"{directory}/config.json"))
    sd, _ = load(f"{directory}/model.safetensors")
    kinds = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid, "dropout": torch.nn.Dropout,
             "gelu": torch.nn.GELU}  # xent GELU is the exact (erf) form, nn.GELU()s default
    mods = []
    for layer in cfg["architecture"]["layers"]:
        if layer["type"] == "dense":
            mods.append(torch.nn.Linear(layer["input_size"], layer["output_size"]))
        elif layer["type"] == "dropout":
            mods.append(torch.nn.Dropout(layer["rate"]))
        else:
            mods.append(kinds[layer["type"]]())
    net = torch.nn.Sequential(*mods).eval()
    # xent names parameters by position in the layer list, as nn.Sequential does: layers.4.weight -> 4.weight
    net.load_state_dict({k.removeprefix("layers."): v for k, v in sd.items()})
    d = cfg["architecture"]["input_dim"]
    if idx_dir:
        import gzip, os
        path = os.path.join(idx_dir, "t10k-images-idx3-ubyte")
        raw = gzip.open(path + ".gz").read() if os.path.exists(path + ".gz") else open(path, "rb").read()
        x = torch.frombuffer(bytearray(raw[16:16 + 2 * d]), dtype=torch.uint8).reshape(2, d).float() / 255.0
    else:
        x = torch.zeros(1, d)
    norm = cfg.get("normalization")
    if norm:
        x = (x - torch.tensor(norm["mean"])) / torch.tensor(norm["std"])
    with torch.no_grad():
        for row in torch.softmax(net(x), 1):
            print(",".join(f"{v:.7g}" for v in row.tolist()))


if __name__ == "__main__":
    {"write": write, "check": check, "model": model}[sys.argv[1]](*sys.argv[2:])
