#!/usr/bin/env python3
"""Writes the GRU test oracle: torch.nn.GRU (float64) forward and gradients on a small seeded case.

Output: Tests/GradscopeCoreTests/Resources/gru_reference.json, read by GRUTests. Rerun only when
the case changes: python3 scripts/gen_gru_reference.py  (needs torch==2.13.0+cpu).

Layout as Gradscope's GRUNetwork: Wh = weight_hh_l0 (3H × H, gates r, z, n), Wx = weight_ih_l0,
bx = bias_ih_l0, bh = bias_hh_l0, readout y = V·h_T + d, loss = mean squared error over B·O.
Inputs are time-major: inputs[(t·B + b)·I + i].
"""
import json
import pathlib

import torch

torch.manual_seed(7)
T, B, I, H, O = 5, 3, 2, 4, 1
gru = torch.nn.GRU(I, H, dtype=torch.float64)  # time-major (seq, batch, feature)
readout = torch.nn.Linear(H, O, dtype=torch.float64)
x = torch.randn(T, B, I, dtype=torch.float64)
target = torch.randn(B, O, dtype=torch.float64)
states, _ = gru(x)
y = readout(states[-1])
loss = ((y - target) ** 2).mean()
loss.backward()

flat = lambda t: [float(v) for v in t.detach().reshape(-1)]
case = {
    "length": T, "batch": B, "input": I, "hidden": H, "output": O,
    "inputs": flat(x), "targets": flat(target),
    "parameters": {"Wh": flat(gru.weight_hh_l0), "Wx": flat(gru.weight_ih_l0), "bx": flat(gru.bias_ih_l0),
                   "bh": flat(gru.bias_hh_l0), "V": flat(readout.weight), "d": flat(readout.bias)},
    "outputs": flat(y), "loss": float(loss.detach()),
    "gradients": {"Wh": flat(gru.weight_hh_l0.grad), "Wx": flat(gru.weight_ih_l0.grad), "bx": flat(gru.bias_ih_l0.grad),
                  "bh": flat(gru.bias_hh_l0.grad), "V": flat(readout.weight.grad), "d": flat(readout.bias.grad)},
    "torch": torch.__version__,
}
out = pathlib.Path(__file__).resolve().parent.parent / "Tests/GradscopeCoreTests/Resources/gru_reference.json"
out.write_text(json.dumps(case, indent=1) + "\n")
print(f"wrote {out}")
