#!/usr/bin/env python3
"""Writes the clipping oracle: torch.nn.utils.clip_grad_norm_ on seeded gradient sets.

Output: Tests/GradscopeCoreTests/Resources/clip_reference.json, read by ClippingReferenceTests.
Rerun only when the cases change: python3 scripts/gen_clip_reference.py  (needs torch==2.13.0+cpu).

Every number is written as Python's float.hex() (exact; "inf"/"nan" for non-finite values), a
float32 value as the float64 that equals it. Each case holds the gradients before clipping
("groups", one list per tensor), maxNorm, normType, PyTorch's total norm and the gradients
after clip_grad_norm_ (foreach=None, the CPU default).
"""
import json
import math
import pathlib

import torch

torch.manual_seed(13)


def hexes(t):
    return [float(v).hex() for v in t.detach().to(torch.float64).reshape(-1)]


def case(name, dtype, shapes, scale, max_norm, norm_type=2.0, grads=None):
    if grads is None:
        grads = [(torch.randn(*s, dtype=torch.float64) * scale).to(dtype) for s in shapes]
    params = []
    for g in grads:
        p = torch.zeros_like(g, requires_grad=True)
        p.grad = g.clone()
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type)
    return {
        "name": name,
        "dtype": {torch.float32: "float32", torch.float64: "float64"}[dtype],
        "maxNorm": float(max_norm).hex(),
        "normType": float(norm_type).hex(),
        "groups": [hexes(g) for g in grads],
        "totalNorm": float(total).hex(),
        "clipped": [hexes(p.grad) for p in params],
    }


cases = []
for dtype, tag in [(torch.float32, "f32"), (torch.float64, "f64")]:
    cases += [
        case(f"{tag} below threshold", dtype, [(3, 4), (4,)], 0.1, 10.0),
        case(f"{tag} above threshold", dtype, [(3, 4), (4,)], 1.0, 1.0),
        case(f"{tag} far above, odd maxNorm", dtype, [(5, 3), (3,), (7,)], 30.0, 0.7),
        case(f"{tag} many groups", dtype, [(2,)] * 9 + [(16,)], 3.0, 2.5),
        case(f"{tag} tiny gradients", dtype, [(6,), (2,)], 1e-9, 1e-10),
        case(f"{tag} max norm", dtype, [(4, 2), (2,)], 5.0, 1.5, math.inf),
    ]
# Huge norms: finite in float64, overflowing in float32 (coef 0), and finite-but-huge.
cases += [
    case("f32 huge finite norm", torch.float32, [(4,), (3,)], 1e17, 1.0),
    case("f32 norm overflows", torch.float32, [(4,), (3,)], 1e20, 1.0),
    case("f64 huge finite norm", torch.float64, [(4,), (3,)], 1e150, 1.0),
    case("f64 norm overflows", torch.float64, [(4,), (3,)], 1e200, 1.0),
]

# Cases where max_norm / (norm + 1e-6) as one division would differ by 1 ulp from PyTorch's
# reciprocal-then-multiply: they show the coefficient is computed PyTorch's way.
f64, f32 = torch.float64, torch.float32
cases += [
    case("f64 division differs (max norm 3.5, ∞-norm 7)", f64, None, 0, 3.5, math.inf,
         [torch.tensor([-7.0, 2.0], dtype=f64), torch.tensor([3.0], dtype=f64)]),
    case("f32 division differs (3, 4 at max norm 5)", f32, None, 0, 5.0, 2.0,
         [torch.tensor([3.0], dtype=f32), torch.tensor([4.0], dtype=f32)]),
]
for dtype, tag in [(f32, "f32"), (f64, "f64")]:
    while True:
        grads = [torch.randn(5, dtype=torch.float64).to(dtype), torch.randn(3, dtype=torch.float64).to(dtype)]
        norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
        if (0.3 / (norm + 1e-6)).item() != (torch.tensor(0.3, dtype=dtype) / (norm + 1e-6)).item():
            cases.append(case(f"{tag} random, division differs", dtype, None, 0, 0.3, 2.0, grads))
            break

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/GradscopeCoreTests/Resources/clip_reference.json"
out.write_text(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {out}")
