"""Statistics of a tensor, reduced on the tensor's device without a host transfer.

`reduce(t)` returns a 1-D float64 tensor of `WIDTH` numbers on `t`'s device:

    [0] NaN count   [1] +Inf count   [2] -Inf count
    [3] max |x| over finite x (0 if none)
    [4] min |x| over finite non-zero x (+Inf, NaN or <= 0 when there is none)
    [5] sum of finite x (float64 accumulation)
    [6] L2 norm of finite x (float64 accumulation)
    [7:] the exponent histogram, `HIST_BINS` counts:
         [0] zero (either sign), [1] non-finite, [2] e < -160,
         [3 + e + 160] for e = floor(log2|x|) in -160..160, [324] e > 160

Counts are exact (float64 holds integers to 2^53). float16 and bfloat16 are
widened to float32 first (exactly); float32 is read through its bit pattern
(subnormals included), without a branch on a device and, on the CPU (where
reading a count costs no transfer), by a shorter path for a finite tensor
without subnormals; float64 goes through `frexp`. `decode` turns the fetched
numbers into a trace row's statistics on the host.
"""
from __future__ import annotations

import math
import struct

import torch

HIST_MIN_EXPONENT = -160
HIST_MAX_EXPONENT = 160
HIST_BINS = 3 + (HIST_MAX_EXPONENT - HIST_MIN_EXPONENT + 1) + 1  # 325
SCALARS = 7
WIDTH = SCALARS + HIST_BINS

# float32 keys (see _reduce_float32): 0 zero, 127..403 the exponent e = key - 276, 404 ±Inf, 405 NaN.
_F32_KEYS = 406
_F32_FIRST, _F32_LAST = 127, 404  # keys holding exponents -149..127
_F32_HIST_START = 3 + (-149 - HIST_MIN_EXPONENT)  # 14
_WIDENED = (torch.float16, torch.bfloat16)


def recordable(t) -> bool:
    """True for a real floating-point tensor (the only kind the probe records)."""
    return isinstance(t, torch.Tensor) and t.is_floating_point() and not t.is_complex()


def reduce(t: torch.Tensor, divisor: torch.Tensor | None = None) -> torch.Tensor:
    """The `WIDTH` statistics of `t` (divided by `divisor` first, e.g. a loss scale), on `t`'s device."""
    x = t.detach().reshape(-1)
    if x.dtype in _WIDENED or divisor is not None:
        x = x.to(torch.float32 if x.dtype != torch.float64 else torch.float64)
    if divisor is not None:
        x = x / divisor.to(x.dtype)
    if x.numel() == 0:
        out = torch.zeros(WIDTH, dtype=torch.float64, device=x.device)
        out[4] = math.inf
        return out
    if x.dtype == torch.float32:
        if x.device.type == "cpu":
            return _reduce_float32_on_host(x)
        return _reduce_float32(x)
    return _reduce_generic(x)


def _reduce_float32_on_host(x: torch.Tensor) -> torch.Tensor:
    """`_reduce_float32` on the CPU, where reading a count costs no transfer: the common tensor (finite,
    no subnormals) takes 10 passes instead of 20; any other falls back to the general path."""
    abits, key, tmp, _ = _workspace(x.device, x.numel())
    torch.bitwise_and(x.view(torch.int32), 0x7FFFFFFF, out=abits)
    torch.bitwise_right_shift(abits, 23, out=key)          # the biased exponent E
    counts = torch.bincount(key, minlength=256)
    torch.sub(abits, 1, out=tmp)
    tmp.bitwise_and_(0x7FFFFFFF)
    smallest = int(tmp.amin()) + 1                        # bits of the smallest non-zero |x| (2^31: none)
    if int(counts[255]) or 0 < smallest < 0x00800000:     # NaN/±Inf or subnormals
        return _reduce_float32(x)
    low, high = torch.aminmax(x)
    wide = _wide_workspace(x.device, x.numel())
    wide.copy_(x)
    absmin = struct.unpack("<f", struct.pack("<I", smallest))[0] if smallest < 0x7F800000 else math.inf
    zeros = _zeros(x.device)
    scalars = torch.stack([
        zeros[0], zeros[0], zeros[0], torch.maximum(high, -low).double(),
        torch.tensor(absmin, dtype=torch.float64), wide.sum(), torch.dot(wide, wide).sqrt(),
    ])
    # E = 1..254 is the exponent e = E - 127, at [3 + e + 160] = [E + 36].
    return torch.cat([scalars, counts[0:1].double(), zeros[:36], counts[1:255].double(), zeros[:34]])


def _reduce_float32(x: torch.Tensor) -> torch.Tensor:
    # One bincount over a key built from the bit pattern with integer passes (no boolean masks):
    #   zero -> 0; subnormal -> 127..149 (= floor(log2(mantissa)) + 127); normal -> E + 149 (150..403);
    #   ±Inf -> 404; NaN -> 405; then +406 for a set sign bit.
    # For subnormal and normal alike, floor(log2|x|) = key - 276.
    # Every pass writes into a reused workspace: fresh tensor-sized temporaries cost more in page
    # faults than the arithmetic.
    n = x.numel()
    abits, key, tmp, real = _workspace(x.device, n)
    bits = x.view(torch.int32)
    torch.bitwise_and(bits, 0x7FFFFFFF, out=abits)
    torch.bitwise_right_shift(abits, 23, out=key)
    torch.clamp(abits, max=0x7FFFFF, out=tmp)
    real.copy_(tmp)
    torch.bitwise_right_shift(real.view(torch.int32), 23, out=tmp)
    key += tmp
    torch.neg(abits, out=tmp)
    tmp += 0x7F800000
    tmp.bitwise_right_shift_(31).bitwise_and_(1)
    key += tmp
    torch.bitwise_right_shift(bits, 31, out=tmp)
    key.sub_(tmp, alpha=_F32_KEYS)
    signed = torch.bincount(key, minlength=2 * _F32_KEYS).view(2, _F32_KEYS)
    counts = signed.sum(0)
    torch.sub(abits, 1, out=tmp)
    tmp.bitwise_and_(0x7FFFFFFF)
    absmin = (tmp.amin() + 1).view(torch.float32)
    finite = torch.nan_to_num(x, nan=0.0, posinf=0.0, neginf=0.0, out=real)
    low, high = torch.aminmax(finite)
    wide = _wide_workspace(x.device, n)
    wide.copy_(finite)  # one widening to float64 for the sum and the sum of squares (no overflow, no underflow)
    scalars = torch.stack([
        counts[405].double(), signed[0, 404].double(), signed[1, 404].double(),
        torch.maximum(high, -low).double(), absmin.double(), wide.sum(), torch.dot(wide, wide).sqrt(),
    ])
    zeros = _zeros(x.device)
    return torch.cat([
        scalars, counts[0:1].double(), (counts[404] + counts[405]).double().reshape(1),
        zeros[:_F32_HIST_START - 2], counts[_F32_FIRST:_F32_LAST].double(),
        zeros[:HIST_BINS - (_F32_HIST_START + _F32_LAST - _F32_FIRST)],
    ])


_WORKSPACES: dict = {}
_WIDE_WORKSPACES: dict = {}


def _wide_workspace(device, n: int) -> torch.Tensor:
    """A float64 buffer of `n` elements, reused across calls."""
    buffer = _WIDE_WORKSPACES.get(device)
    if buffer is None or buffer.numel() < n:
        buffer = _WIDE_WORKSPACES[device] = torch.empty(max(n, 1 << 16), dtype=torch.float64, device=device)
    return buffer[:n]


def _workspace(device, n: int):
    """Three int32 buffers and one float32 buffer of `n` elements, reused across calls."""
    buffer = _WORKSPACES.get(device)
    if buffer is None or buffer.shape[1] < n:
        buffer = _WORKSPACES[device] = torch.empty((4, max(n, 1 << 16)), dtype=torch.int32, device=device)
    return buffer[0, :n], buffer[1, :n], buffer[2, :n], buffer[3, :n].view(torch.float32)


def _reduce_generic(x: torch.Tensor) -> torch.Tensor:
    finite_mask = torch.isfinite(x)
    finite = torch.where(finite_mask, x, 0)
    a = finite.abs()
    exponent = torch.frexp(finite)[1].to(torch.int64) - 1  # floor(log2|x|) for finite non-zero x
    index = exponent.clamp(HIST_MIN_EXPONENT - 1, HIST_MAX_EXPONENT + 1) + (3 - HIST_MIN_EXPONENT)
    index = torch.where(finite == 0, 0, index)
    index = torch.where(finite_mask, index, 1)
    hist = torch.bincount(index, minlength=HIST_BINS)
    scalars = torch.stack([
        torch.isnan(x).sum().double(), torch.isposinf(x).sum().double(), torch.isneginf(x).sum().double(),
        a.amax().double(), torch.where(a > 0, a, math.inf).amin().double(),
        finite.sum(dtype=torch.float64), torch.linalg.vector_norm(finite, dtype=torch.float64),
    ])
    return torch.cat([scalars, hist.double()])


_ZEROS: dict = {}


def _zeros(device) -> torch.Tensor:
    z = _ZEROS.get(device)
    if z is None:
        z = _ZEROS[device] = torch.zeros(HIST_BINS, dtype=torch.float64, device=device)
    return z


def flag(t: torch.Tensor) -> torch.Tensor:
    """The watch: a 0-d tensor that is non-finite whenever `t` holds a NaN or ±Inf.

    A plain sum: NaN and ±Inf propagate through it. It can also overflow on finite values; the
    probe then computes the exact statistics and writes nothing when every value was finite.
    """
    return t.detach().sum()


def decode(values, n: int) -> dict:
    """The trace row's statistics from the `WIDTH` fetched numbers of a tensor of `n` elements."""
    nan, pos_inf, neg_inf = int(values[0]), int(values[1]), int(values[2])
    hist = [int(v) for v in values[SCALARS:WIDTH]]
    finite_count = n - nan - pos_inf - neg_inf
    absmin = values[4]
    has_finite = finite_count > 0
    return {
        "n": n, "nan": nan, "pos_inf": pos_inf, "neg_inf": neg_inf, "zeros": hist[0],
        "absmax": float(values[3]) if has_finite else 0.0,
        "absmin": float(absmin) if (absmin > 0 and math.isfinite(absmin)) else None,
        "mean": values[5] / finite_count if has_finite else None,
        "rms": values[6] / math.sqrt(finite_count) if has_finite else None,
        # 0 < |x| < 2^-14: hist[2] (e < -160) and e = -160..-15.
        "f16_subnormal": sum(hist[2:3 + (-15 - HIST_MIN_EXPONENT) + 1]),
        "hist": struct.pack("<%dq" % HIST_BINS, *hist),
        "nonfinite": nan + pos_inf + neg_inf,
        "finite_norm": values[6],
    }
