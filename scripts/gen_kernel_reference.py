#!/usr/bin/env python3
"""Write Tests/GradscopeCoreTests/Resources/kernel_reference.csv: tanh, sech², σ and σ'
at z in [-30, 30], computed with mpmath at 200 bits; and exp_reference.csv beside it:
e^x for the kernels' own vector exp over its whole range (see write_exp_reference).

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
EXP_OUT = "Tests/GradscopeCoreTests/Resources/exp_reference.csv"


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
    write_exp_reference(rng)


def write_exp_reference(rng):
    """e^x as an unevaluated double-double (hi + lo, hi the rounded value) with a column
    saying which precision the x is meant for: 64 — x over [-745.2, 709.8], where e^x
    goes from 0 through the subnormals to Inf in Double; 32 — Float x over [-104, 89],
    the same for Float. Both: an even grid, a seeded uniform sample, the thresholds of
    underflow and overflow, and tiny |x|. Values beyond Double's range are written as 0 / inf."""
    points = set()
    for k in range(3001):
        points.add((64, -745.2 + (709.8 + 745.2) * k / 3000))
        points.add((32, f32(-104 + (89 + 104) * k / 3000)))
    for _ in range(1500):
        points.add((64, rng.uniform(-745.2, 709.8)))
        points.add((32, f32(rng.uniform(-104, 89))))
    for x in [-745.1332191019411, -745.1332191019412, -708.3964185322641, -708.39641853226408,
              709.782712893384, 709.7827128933841, 1e-300, -1e-300, 2.0 ** -30, -(2.0 ** -30), 1e-20, 0.0, 1.0]:
        points.add((64, x))
    for x in [-103.97208, -103.27893, -87.33655, 88.72283, 88.72284, 1e-30, -1e-30, 2.0 ** -20, 0.0, 1.0]:
        points.add((32, f32(x)))
    with open(EXP_OUT, "w") as out:
        out.write("bits,x,exp_hi,exp_lo\n")
        for bits, x in sorted(points):
            v = mpmath.exp(mpmath.mpf(x))
            hi = float(v) if v < mpmath.mpf(2) ** 1024 else float("inf")
            lo = float(v - mpmath.mpf(hi)) if hi != float("inf") and hi != 0 else 0.0
            out.write(f"{bits},{x!r},{hi!r},{lo!r}\n")
    print(f"{len(points)} points written to {EXP_OUT}")


if __name__ == "__main__":
    main()
