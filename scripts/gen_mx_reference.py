#!/usr/bin/env python3
"""Write torchao's MX block casts and PyTorch's per-tensor float8 casts, for the Swift tests.

Output: Tests/GradscopeCoreTests/Resources/mx_reference.json, read by
Tests/GradscopeCoreTests/NarrowFormatTorchaoTests.swift and checked again by
python/tests/test_torchao_mx.py.

MX ("mx" records): each case is one row of float32 values, cast by torchao's
`torchao.prototype.mx_formats.mx_tensor.to_mx` (blocks of 32 along the row, one E8M0 scale
per block, elements saturating) in each of torchao's five element formats, with its
default scale rule FLOOR (X = 2^(floor(log2 amax) - emax_elem), the OCP MX v1.0 rule):
  scales        the E8M0 byte of each block (exponent + 127; 255 = NaN)
  elements      the element values, as float32 bit patterns (hex)
  dequantized   torchao's `to_dtype(..., torch.float32)`: element x 2^(scale - 127), float32 bits
The "scaleModes" records give the scale bytes of torchao's other rules (CEIL, EVEN, RCEIL)
for the same inputs: the README's formats section says how they differ from OCP's FLOOR.

Per-tensor ("current" records): PyTorch's own cast as the `current` recipe does it,
  scale = max_format / amax / 2^margin   (float32, torchao.float8's amax_to_scale for margin 0:
                                          float64 division rounded to float32, amax clamped
                                          to >= 1e-12)
  q     = (x * scale).to(float8).float() / scale
with torchao's saturating cast (`to_fp8_saturated`: clamp to +-max, then PyTorch's cast).

Values are written as float32 bit patterns (8 hex digits) so that the Swift test compares
bit for bit; NaN payloads are not compared, only NaN-ness and sign.

Run from the repository root (needs torch==2.13.0+cpu and torchao==0.18.0):

    python3 scripts/gen_mx_reference.py
"""
import json
import os
import struct
import sys
import warnings

warnings.filterwarnings("ignore")

import torch  # noqa: E402

OUT = "Tests/GradscopeCoreTests/Resources/mx_reference.json"


def bits(x: float) -> str:
    """The float32 bit pattern of x, 8 hex digits."""
    return "%08x" % struct.unpack("<I", struct.pack("<f", x))[0]


def f32(pattern: str) -> float:
    return struct.unpack("<f", struct.pack("<I", int(pattern, 16)))[0]


def mx_formats():
    from torchao.prototype.mx_formats.constants import DTYPE_FP6_E2M3, DTYPE_FP6_E3M2

    return [
        ("float8_e4m3fn", torch.float8_e4m3fn),
        ("float8_e5m2", torch.float8_e5m2),
        ("float6_e3m2fn", DTYPE_FP6_E3M2),
        ("float6_e2m3fn", DTYPE_FP6_E2M3),
        ("float4_e2m1fn", torch.float4_e2m1fn_x2),
    ]


def mx_cases():
    """(name, float32 row) pairs, every row a multiple of 32 long."""
    g = torch.Generator().manual_seed(14)
    cases = []
    # Seeded: four blocks of N(0, 1) at four magnitudes (std 1, 0.02 as initial weights, 1e3, 1e-30).
    stds = torch.tensor([1.0] * 32 + [0.02] * 32 + [1e3] * 32 + [1e-30] * 32)
    cases.append(("seeded", (torch.randn(128, generator=g) * stds).float()))
    # Seeded, heavy tails: N(0,1)^3 spreads one block over many binades (subnormals of the elements).
    cases.append(("seeded_cubed", (torch.randn(64, generator=g) ** 3).float()))
    # Zeros, both signs.
    cases.append(("zeros", torch.tensor([0.0, -0.0] * 16)))
    # One huge value among small ones: the others flush to zero or to element subnormals.
    huge = torch.randn(32, generator=g) * 0.01
    huge[7] = 1e6
    cases.append(("one_huge", huge.float()))
    # The largest float32 in a block: the scale exponent is 127 - emax.
    top = torch.randn(32, generator=g)
    top[3] = 3.4028234663852886e38
    cases.append(("float32_max", top.float()))
    # Only float32 subnormals: floor(log2 amax) - emax is below -127, so the scale clamps to 2^-127.
    sub = torch.tensor([(k + 1) * 2.0**-149 * (1 if k % 2 else -1) for k in range(32)], dtype=torch.float32)
    cases.append(("float32_subnormals", sub))
    # A block whose amax is a small normal number: the scale is exactly 2^-127.
    cases.append(("tiny_normals", torch.tensor([2.0**-118 * (1 + k / 32) for k in range(32)], dtype=torch.float32)))
    # amax in [2^-119, 2^-118): the OCP scale is exactly 2^-127 (E8M0 byte 0), the smallest there is.
    cases.append(("scale_byte_0", torch.tensor([2.0**-119 * (1 + k / 32) for k in range(32)], dtype=torch.float32)))
    # Ties: multiples of 2^-6 in (-8, 8) with amax 7.984375; many are midpoints of the element grids.
    ties = torch.arange(-512, 512, 32, dtype=torch.float32) / 64 + torch.arange(32, dtype=torch.float32) / 64
    cases.append(("grid_ties", ties.float()))
    # Saturation: amax just below the next power of two rounds past the element maximum.
    cases.append(("saturating", torch.tensor([511.0, -500.0, 480.0, 464.0, 449.0, 448.0, 7.9, 6.5] * 4)))
    # Non-finite values: NaN, +Inf and -Inf each in one block among finite ones.
    for name, special in (("nan", float("nan")), ("plus_inf", float("inf")), ("minus_inf", float("-inf"))):
        block = torch.randn(32, generator=g).float()
        block[5] = special
        cases.append((name, block))
    return cases


def current_cases():
    g = torch.Generator().manual_seed(15)
    cases = []
    for std in (1.0, 0.02, 1e3):
        cases.append(("seeded_std_%g" % std, (torch.randn(64, generator=g) * std).float()))
    cases.append(("seeded_cubed", (torch.randn(64, generator=g) ** 3).float()))
    huge = torch.randn(64, generator=g) * 0.01
    huge[9] = 1e6
    cases.append(("one_huge", huge.float()))
    cases.append(("grid_ties", (torch.arange(-32, 32, dtype=torch.float32) / 8).float()))
    cases.append(("zeros", torch.tensor([0.0, -0.0] * 4)))
    cases.append(("float32_subnormals", torch.tensor([(k + 1) * 2.0**-149 for k in range(8)], dtype=torch.float32)))
    for name, special in (("nan", float("nan")), ("plus_inf", float("inf"))):
        t = torch.randn(16, generator=g).float()
        t[3] = special
        cases.append((name, t))
    return cases


def mx_records():
    from torchao.prototype.mx_formats.config import ScaleCalculationMode
    from torchao.prototype.mx_formats.mx_tensor import to_dtype, to_mx
    from torchao.prototype.mx_formats.kernels import (
        f4_unpacked_to_f32,
        f6_e2m3_unpacked_to_f32,
        f6_e3m2_unpacked_to_f32,
        unpack_uint4,
    )

    def elements(name, data_lp):
        if name.startswith("float8"):
            return data_lp.float()
        if name == "float6_e2m3fn":
            return f6_e2m3_unpacked_to_f32(data_lp)
        if name == "float6_e3m2fn":
            return f6_e3m2_unpacked_to_f32(data_lp)
        return f4_unpacked_to_f32(unpack_uint4(data_lp))

    records, modes = [], []
    for case, row in mx_cases():
        for name, dtype in mx_formats():
            scale, data_lp = to_mx(row.clone(), dtype, 32, ScaleCalculationMode.FLOOR)
            deq = to_dtype(data_lp, scale, dtype, 32, torch.float32)
            records.append({
                "case": case,
                "format": name,
                "inputs": [bits(v) for v in row.tolist()],
                "scales": scale.view(torch.uint8).flatten().tolist(),
                "elements": [bits(v) for v in elements(name, data_lp).flatten().tolist()],
                "dequantized": [bits(v) for v in deq.flatten().tolist()],
            })
            for mode in (ScaleCalculationMode.CEIL, ScaleCalculationMode.EVEN, ScaleCalculationMode.RCEIL):
                other, _ = to_mx(row.clone(), dtype, 32, mode)
                modes.append({"case": case, "format": name, "mode": mode.name.lower(),
                              "scales": other.view(torch.uint8).flatten().tolist()})
    return records, modes


def current_records():
    from torchao.float8.float8_utils import amax_to_scale, to_fp8_saturated

    records = []
    for case, t in current_cases():
        for name, dtype in (("float8_e4m3fn", torch.float8_e4m3fn), ("float8_e5m2", torch.float8_e5m2)):
            for margin in (0, 1):
                amax = torch.max(torch.abs(t))
                if margin == 0:
                    scale = amax_to_scale(amax, dtype).float()  # torchao.float8's own rule
                    source = "torchao.float8.amax_to_scale"
                else:
                    scale = (torch.tensor(torch.finfo(dtype).max, dtype=torch.float32) / amax) / 2.0**margin
                    source = "torch float32: max / amax / 2^margin"
                q = to_fp8_saturated(t * scale, dtype).float() / scale
                records.append({
                    "case": case,
                    "format": name,
                    "margin": margin,
                    "scaleSource": source,
                    "inputs": [bits(v) for v in t.tolist()],
                    "amax": bits(amax.item()),
                    "scale": bits(scale.item()),
                    "dequantized": [bits(v) for v in q.tolist()],
                })
    return records


def generate():
    import torchao

    mx, modes = mx_records()
    return {
        "generator": "scripts/gen_mx_reference.py",
        "torch": torch.__version__,
        "torchao": torchao.__version__,
        "blockLength": 32,
        "mx": mx,
        "scaleModes": modes,
        "current": current_records(),
    }


def dumps(data) -> str:
    """Sorted keys, one record a line (a small diff when torchao changes one value)."""
    lines = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list):
            records = ",\n".join("  " + json.dumps(r, sort_keys=True) for r in value)
            lines.append(" %s: [\n%s\n ]" % (json.dumps(key), records))
        else:
            lines.append(" %s: %s" % (json.dumps(key), json.dumps(value)))
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main():
    data = generate()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(dumps(data))
    print("wrote %s: %d MX records, %d scale-mode records, %d per-tensor records"
          % (OUT, len(data["mx"]), len(data["scaleModes"]), len(data["current"])), file=sys.stderr)


if __name__ == "__main__":
    main()
