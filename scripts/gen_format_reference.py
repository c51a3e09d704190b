#!/usr/bin/env python3
"""Write the narrow formats' reference tables with ml_dtypes, for the Swift tests.

For each of float8_e4m3fn, float8_e5m2, float6_e3m2fn, float6_e2m3fn and float4_e2m1fn
this writes two files under Tests/GradscopeCoreTests/Resources/formats/:

  <name>_decode.csv  every bit pattern (0 ..< 2^bits) and the float64 bits of its value:
                     bits,value_bits,value
  <name>_casts.csv   casts from float32 and float64 to the format, in both overflow modes:
                     source,input_bits,mode,expected_bits

Inputs of the casts, both signs: every representable value; every midpoint between two
neighbours (ties), including the one past the largest finite value (the overflow
threshold) and the one below the smallest subnormal; the neighbours of each of those in
the source type and a value 2^-30 (relative) either side, which a conversion that rounds
through float32 first gets wrong; twice and 2^100 times the largest value; the source's
largest finite value; ±Inf; NaN of both signs.

Modes: `nonfinite` is ml_dtypes' own cast (`astype`): the OCP rule, where e4m3fn gives
NaN past 464 and e5m2 gives ±Inf past 61440. `saturate` is the same cast of the input
clipped to [-max, max] first (±Inf become ±max, NaN stays NaN): clipping changes no
value that rounds to a finite one, so the rounding is still ml_dtypes'. The three formats
without Inf and NaN saturate in both modes.

Run once from the repository root (needs `pip install ml_dtypes numpy`):

    python3 scripts/gen_format_reference.py
"""
import os

import ml_dtypes
import numpy as np

OUT = "Tests/GradscopeCoreTests/Resources/formats"
FORMATS = [
    ("float8_e4m3fn", 8),
    ("float8_e5m2", 8),
    ("float6_e3m2fn", 6),
    ("float6_e2m3fn", 6),
    ("float4_e2m1fn", 4),
]
SOURCES = [("float32", np.float32, np.uint32, 8), ("float64", np.float64, np.uint64, 16)]


def decode_table(dtype, bits):
    patterns = np.arange(1 << bits, dtype=np.uint8)
    values = patterns.view(dtype).astype(np.float64)
    return patterns, values


def cast_inputs(values, fmax, source):
    """The inputs to cast, as numpy scalars of `source` (see the module doc)."""
    finite = np.unique(values[np.isfinite(values) & (values >= 0)])  # sorted, +0 first
    ladder = [float(v) for v in finite]
    ladder.append(2 * ladder[-1] - ladder[-2])  # the value past the largest: its midpoint is the threshold
    points = set(ladder)
    for low, high in zip(ladder, ladder[1:]):
        points.add((low + high) / 2)
    points.add(ladder[1] / 4)  # a quarter of the smallest subnormal: rounds to 0
    points.update([2 * fmax, fmax * 2.0**100])
    inputs = []
    info = np.finfo(source)
    for p in sorted(points):
        centre = source(p)
        around = [centre, np.nextafter(centre, source(np.inf)), np.nextafter(centre, source(-np.inf))]
        if p != 0:
            around += [source(p * (1 + 2.0**-30)), source(p * (1 - 2.0**-30))]
        for value in around:
            if value >= 0:
                inputs += [value, -value]
    inputs += [info.max, -info.max, source(np.inf), source(-np.inf)]
    nan = source(np.nan)
    inputs += [nan, -nan]
    return inputs


def bits_of(value, source, unsigned):
    return int(np.array([value], dtype=source).view(unsigned)[0])


@np.errstate(over="ignore", invalid="ignore")
def main():
    os.makedirs(OUT, exist_ok=True)
    for name, bits in FORMATS:
        dtype = getattr(ml_dtypes, name)
        fmax = float(ml_dtypes.finfo(dtype).max)
        patterns, values = decode_table(dtype, bits)
        with open(os.path.join(OUT, f"{name}_decode.csv"), "w") as out:
            out.write("bits,value_bits,value\n")
            for pattern, value in zip(patterns, values):
                value_bits = int(np.array([value]).view(np.uint64)[0])
                out.write(f"{int(pattern):02x},{value_bits:016x},{float(value)!r}\n")
        rows = 0
        with open(os.path.join(OUT, f"{name}_casts.csv"), "w") as out:
            out.write("source,input_bits,mode,expected_bits\n")
            for source_name, source, unsigned, width in SOURCES:
                seen = set()
                for value in cast_inputs(values, fmax, source):
                    key = bits_of(value, source, unsigned)
                    if key in seen:
                        continue
                    seen.add(key)
                    array = np.array([value], dtype=source)
                    for mode, cast_from in (("nonfinite", array), ("saturate", np.clip(array, -fmax, fmax))):
                        expected = int(cast_from.astype(dtype).view(np.uint8)[0])
                        out.write(f"{source_name},{key:0{width}x},{mode},{expected:02x}\n")
                        rows += 1
        print(f"{name}: {len(patterns)} patterns, {rows} casts")


if __name__ == "__main__":
    main()
