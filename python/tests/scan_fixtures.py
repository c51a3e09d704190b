"""Small checkpoints with planted defects for the `gradscope scan` oracle, and the statistics computed
independently in numpy (float64), following the W4 definition (../shared/bench/w4_common.py)."""
import json
import os
import struct

import numpy as np

# (max finite, min normal, min subnormal), from ml_dtypes' finfo where it has the format.
FORMATS = {
    "float16": (65504.0, 2.0 ** -14, 2.0 ** -24),
    "bfloat16": ((2 - 2.0 ** -7) * 2.0 ** 127, 2.0 ** -126, 2.0 ** -133),
    "float8_e4m3fn": (448.0, 2.0 ** -6, 2.0 ** -9),
    "float8_e5m2": (57344.0, 2.0 ** -14, 2.0 ** -16),
}


def planted(rng, shape, scale=0.02):
    """Gaussian values with NaN, ±Inf, float16/FP8 overflows, flushing values and exact zeros planted."""
    x = (rng.standard_normal(shape) * scale).astype(np.float64)
    flat = x.reshape(-1)
    n = flat.size
    flat[rng.choice(n, 3, replace=False)] = np.nan
    flat[1 % n] = np.inf
    flat[2 % n] = -np.inf
    flat[3 % n] = 1e5          # over float16, e4m3, e5m2
    flat[4 % n] = -500.0       # over e4m3 only
    flat[5 % n] = 1e-9         # flushes in float16 and FP8
    flat[6 % n] = -3e-8        # subnormal in float16
    flat[7 % n] = 0.0
    flat[8 % n] = -0.0
    flat[9 % n] = 2.0 ** -25   # exactly min_subnormal/2 of float16: flushes
    return x


def bf16_from_f32(x32):
    """float32 -> bfloat16 bit patterns (round to nearest even, NaN kept quiet), as uint16."""
    u = x32.view(np.uint32).astype(np.uint64)
    r = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)
    r[np.isnan(x32)] = 0x7FC0
    return r


def bf16_values(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32).astype(np.float64)


def stats(values):
    """The W4 statistics of float64 `values` (already the exact values of the stored elements)."""
    x = np.asarray(values, dtype=np.float64).reshape(-1)
    fin = np.isfinite(x)
    a = np.abs(x)
    af = a[fin]
    nz = af[af > 0]
    out = {
        "n": int(x.size), "nan": int(np.isnan(x).sum()), "posInf": int((x == np.inf).sum()),
        "negInf": int((x == -np.inf).sum()), "zeros": int((x == 0).sum()),
        "absmax": float(af.max()) if af.size else 0.0,
        "absminNonzero": float(nz.min()) if nz.size else None,
        "sum": float(np.sum(x[fin])), "sumsq": float(np.sum(x[fin] ** 2)), "formats": {},
    }
    for f, (mx, mn, sub) in FORMATS.items():
        out["formats"][f] = {"over": int((af > mx).sum()), "flush": int(((af > 0) & (af <= sub / 2)).sum()),
                             "subnormal": int(((af > sub / 2) & (af < mn)).sum())}
    return out


def write_safetensors(path, tensors, order=None):
    """Writes {name: (dtype, shape, raw bytes)} by hand, in `order` of names (header keys reversed)."""
    names = order or list(tensors)
    header, offset = {}, 0
    for name in names:
        dtype, shape, raw = tensors[name]
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    header = dict(reversed(list(header.items())))
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header).encode()
    with open(path, "wb") as fh:
        fh.write(struct.pack("<Q", len(text)))
        fh.write(text)
        for name in names:
            fh.write(tensors[name][2])


def f8_values(bits, fmt):
    import ml_dtypes
    dt = {"F8_E4M3": ml_dtypes.float8_e4m3fn, "F8_E5M2": ml_dtypes.float8_e5m2}[fmt]
    return bits.view(dt).astype(np.float64)
