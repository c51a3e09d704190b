#!/usr/bin/env python3
"""Write Tests/GradscopeCoreTests/Resources/kernel_reference.csv: tanh, sech², σ and σ'
at z in [-30, 30], computed with mpmath at 200 bits.

Every z is exactly representable in Float, so one file serves the Double and the
Float kernel tests. The points: a seeded uniform sample of [-30, 30]; |z| from 1e-30
to 30 on a log scale, both signs; the neighbourhood of 0.375 (where the kernels switch
from libmvec tanh to (1-e)/(1+e)); and "tie-ish" z, where a function's exact value lies
within 2% of an ulp from a Float rounding midpoint, which is where a few ulp of error
show first. Values are written as Double with 17 significant digits.

Run once from the repository root:  python3 scripts/gen_kernel_reference.py
"""
import random
import struct

import mpmath

mpmath.mp.prec = 200
OUT = "Tests/GradscopeCoreTests/Resources/kernel_reference.csv"


def f32(v):
    """v rounded to the nearest Float, as a Python float."""
    return struct.unpack("f", struct.pack("f", v))[0]


def functions(z):
    z = mpmath.mpf(z)
    s = 1 / (1 + mpmath.exp(-z))
    return [mpmath.tanh(z), 1 / mpmath.cosh(z) ** 2, s, mpmath.exp(-abs(z)) / (1 + mpmath.exp(-abs(z))) ** 2]


def float_ulp(v):
    """Spacing of Floats at |v| (v normal, nonzero)."""
    m, e = mpmath.frexp(abs(v))  # |v| = m·2^e, m in [0.5, 1)
    return mpmath.ldexp(1, int(e) - 24)


def tie_ish(v):
    """Whether v lies within 2% of an ulp from a Float rounding midpoint."""
    if v == 0:
        return False
    frac = abs(v) / float_ulp(v)
    frac = frac - mpmath.floor(frac)
    return abs(frac - 0.5) < 0.02


def main():
    rng = random.Random(20241130)
    zs = {0.0}
    zs.update(f32(rng.uniform(-30, 30)) for _ in range(1500))
    for k in range(301):
        mag = f32(10 ** (-30 + 31.477 * k / 300))  # 1e-30 … 30
        if mag <= 30:
            zs.update((mag, -mag))
    near = f32(0.375)
    for k in range(-40, 41):
        zs.update(f32(near * (1 + k * 2.0 ** -22)) * s for s in (1, -1))
    ties = [0, 0, 0, 0]
    while min(ties) < 40:
        z = f32(rng.uniform(-30, 30) if rng.random() < 0.5 else rng.uniform(-1, 1))
        hits = [tie_ish(v) for v in functions(z)]
        if any(h and t < 40 for h, t in zip(hits, ties)):
            zs.add(z)
            ties = [t + h for t, h in zip(ties, hits)]
    with open(OUT, "w") as out:
        out.write("z,tanh,sech2,sigmoid,dsigmoid\n")
        for z in sorted(zs):
            out.write(",".join([repr(z)] + [format(float(v), ".17g") for v in functions(z)]) + "\n")
    print(f"{len(zs)} points written to {OUT}")


if __name__ == "__main__":
    main()
