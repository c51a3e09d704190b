"""Shared helpers for the probe's tests: an independent statistics oracle and trace readers."""
import math
import sqlite3
import struct

import torch

HIST_BINS = 325
COLUMNS = ["step", "seq", "pass", "kind", "module_id", "call_index", "param_id", "operation", "operand",
           "dtype", "n", "nan", "pos_inf", "neg_inf", "zeros", "absmax", "absmin", "mean", "rms",
           "f16_subnormal", "hist"]


def oracle(t: torch.Tensor) -> dict:
    """The statistics of `t`, element by element in Python (math.frexp), independent of the probe."""
    values = t.detach().double().reshape(-1).tolist()  # widening to float64 is exact
    hist = [0] * HIST_BINS
    nan = pos_inf = neg_inf = zeros = f16_subnormal = 0
    finite = []
    for v in values:
        if math.isnan(v):
            nan += 1
            hist[1] += 1
        elif math.isinf(v):
            pos_inf += v > 0
            neg_inf += v < 0
            hist[1] += 1
        else:
            finite.append(v)
            if v == 0:
                zeros += 1
                hist[0] += 1
            else:
                e = math.frexp(v)[1] - 1  # floor(log2|v|)
                hist[2 if e < -160 else HIST_BINS - 1 if e > 160 else 3 + e + 160] += 1
                f16_subnormal += abs(v) < 2.0 ** -14
    nonzero = [abs(v) for v in finite if v != 0]
    return {
        "n": len(values), "nan": nan, "pos_inf": pos_inf, "neg_inf": neg_inf, "zeros": zeros,
        "absmax": max((abs(v) for v in finite), default=0.0),
        "absmin": min(nonzero) if nonzero else None,
        "mean": math.fsum(finite) / len(finite) if finite else None,
        "rms": math.sqrt(math.fsum(v * v for v in finite) / len(finite)) if finite else None,
        "f16_subnormal": f16_subnormal, "hist": hist,
    }


def rows(path, where="1", args=()):
    """The stats rows matching `where`, as dicts (hist decoded), in (step, seq) order."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = []
        for r in db.execute(f"SELECT {', '.join(COLUMNS)} FROM stats WHERE {where} ORDER BY step, seq", args):
            row = dict(zip(COLUMNS, r))
            if row["hist"] is not None:
                row["hist"] = list(struct.unpack("<%dq" % HIST_BINS, row["hist"]))
            out.append(row)
        return out
    finally:
        db.close()


def query(path, sql, args=()):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def assert_stats(row: dict, expected: dict, rel=0.0, watch_only=False):
    """Counts and the histogram exactly; the rest to `rel` relative (0 for exact extremes).

    `rel` above zero allows for a reference computed by different float32 kernels (another
    summation order, fused multiply-adds), which round differently in the last bits.
    """
    for key in ("n", "nan", "pos_inf", "neg_inf", "zeros"):
        assert row[key] == expected[key], (key, row[key], expected[key], row)
    for key in ("absmax", "absmin"):
        if expected[key] is None or row[key] is None:
            assert row[key] == expected[key], (key, row)
        else:
            assert abs(row[key] - expected[key]) <= rel * expected[key], (key, row[key], expected[key])
    for key in ("mean", "rms"):
        if expected[key] is None:
            assert row[key] is None, (key, row)
        else:
            scale = expected["rms"] if key == "mean" else expected[key]
            assert abs(row[key] - expected[key]) <= max(rel, 1e-12) * scale, (key, row[key], expected[key])
    if watch_only:
        assert row["hist"] is None and row["f16_subnormal"] is None
    else:
        assert row["hist"] == expected["hist"]
        assert row["f16_subnormal"] == expected["f16_subnormal"]
