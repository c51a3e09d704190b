"""Writes the small trace fixtures of the inspect tests, straight to schema version 1
(docs/trace-schema.md) with sqlite3, without PyTorch. Run from this folder:

    python3 make_traces.py

The fixtures are committed; re-run only when the schema changes.
"""
import json
import math
import os
import sqlite3
import struct

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE modules (id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, is_leaf INTEGER NOT NULL);
CREATE TABLE parameters (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, module_id INTEGER NOT NULL,
  shape TEXT NOT NULL, dtype TEXT NOT NULL);
CREATE TABLE steps (step INTEGER PRIMARY KEY, loss REAL, loss_class TEXT, grad_norm REAL, grad_norm_class TEXT,
  scale REAL, skipped INTEGER NOT NULL, full INTEGER NOT NULL, wall_seconds REAL NOT NULL);
CREATE TABLE learning_rates (step INTEGER NOT NULL, group_index INTEGER NOT NULL, lr REAL NOT NULL,
  PRIMARY KEY (step, group_index));
CREATE TABLE stats (step INTEGER NOT NULL, seq INTEGER NOT NULL, pass TEXT NOT NULL, kind TEXT NOT NULL,
  module_id INTEGER, call_index INTEGER NOT NULL, param_id INTEGER, operation TEXT, operand INTEGER,
  dtype TEXT NOT NULL, n INTEGER NOT NULL, nan INTEGER NOT NULL, pos_inf INTEGER NOT NULL, neg_inf INTEGER NOT NULL,
  zeros INTEGER NOT NULL, absmax REAL NOT NULL, absmin REAL, mean REAL, rms REAL, f16_subnormal INTEGER, hist BLOB,
  PRIMARY KEY (step, seq));
CREATE INDEX stats_nonfinite ON stats(step, seq) WHERE nan + pos_inf + neg_inf > 0;
"""


def value_class(v):
    if v is None:
        return None
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "+inf" if v > 0 else "-inf"
    return "finite"


def statistics(values, full=True):
    """The stats row's numbers for a list of floats, as the probe computes them."""
    finite = [v for v in values if math.isfinite(v)]
    nonzero = [abs(v) for v in finite if v != 0]
    hist = [0] * 325
    for v in values:
        if not math.isfinite(v):
            hist[1] += 1
        elif v == 0:
            hist[0] += 1
        else:
            e = math.floor(math.log2(abs(v)))
            hist[2 if e < -160 else 324 if e > 160 else 3 + e + 160] += 1
    return dict(
        n=len(values), nan=sum(math.isnan(v) for v in values),
        pos_inf=sum(v == math.inf for v in values), neg_inf=sum(v == -math.inf for v in values),
        zeros=sum(v == 0 for v in finite), absmax=max((abs(v) for v in finite), default=0.0),
        absmin=min(nonzero) if nonzero else None,
        mean=sum(finite) / len(finite) if finite else None,
        rms=math.sqrt(sum(v * v for v in finite) / len(finite)) if finite else None,
        f16_subnormal=sum(0 < abs(v) < 2 ** -14 for v in finite) if full else None,
        hist=struct.pack("<325q", *hist) if full else None)


class Trace:
    def __init__(self, path, meta=None):
        if os.path.exists(path):
            os.remove(path)
        self.db = sqlite3.connect(path)
        self.db.executescript(SCHEMA)
        base = {"schema_version": "1", "format": "gradscope-trace", "probe_version": "fixture",
                "torch_version": "none", "created": "2026-12-07T00:00:00Z", "model_class": "Fixture",
                "every": "1", "ops": "0", "device": "cpu",
                "histogram_min_exponent": "-160", "histogram_max_exponent": "160"}
        base.update(meta or {})
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", base.items())
        self.seq = {}

    def modules(self, rows):
        self.db.executemany("INSERT INTO modules VALUES (?, ?, ?, ?)", rows)

    def parameters(self, rows):
        self.db.executemany("INSERT INTO parameters VALUES (?, ?, ?, ?, ?)",
                            [(i, n, m, json.dumps(s), "float32") for i, n, m, s in rows])

    def step(self, step, loss, grad_norm, lr=0.01, scale=None, skipped=0, full=1):
        fin = lambda v: v if v is not None and math.isfinite(v) else None
        self.db.execute("INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (step, fin(loss), value_class(loss), fin(grad_norm), value_class(grad_norm),
                         scale, skipped, full, 0.001))
        self.db.execute("INSERT INTO learning_rates VALUES (?, 0, ?)", (step, lr))

    def row(self, step, pass_, kind, values, module=None, call=0, param=None, op=None, operand=None,
            dtype="float32", full=True):
        seq = self.seq.get(step, 0)
        self.seq[step] = seq + 1
        s = statistics(values, full)
        self.db.execute(
            "INSERT INTO stats VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (step, seq, pass_, kind, module, call, param, op, operand, dtype, s["n"], s["nan"], s["pos_inf"],
             s["neg_inf"], s["zeros"], s["absmax"], s["absmin"], s["mean"], s["rms"], s["f16_subnormal"], s["hist"]))

    def close(self):
        self.db.commit()
        self.db.close()


INF = math.inf


def chain():
    """Linear(1,1) → Tanh → Linear(1,1) → Tanh, weight 8. Step 1 finite; step 2's backward overflows in
    layers.2 (∂L/∂input = -Inf from ∂L/∂output = -1.3e38 and weight 8) and layers.0.weight's gradient is
    NaN from -Inf × 0 (its input holds a 0)."""
    t = Trace("chain.gstrace")
    t.modules([(0, "", "Sequential", 0), (1, "layers.0", "Linear", 1), (2, "layers.1", "Tanh", 1),
               (3, "layers.2", "Linear", 1), (4, "layers.3", "Tanh", 1)])
    t.parameters([(0, "layers.0.weight", 1, [1, 1]), (1, "layers.0.bias", 1, [1]),
                  (2, "layers.2.weight", 3, [1, 1]), (3, "layers.2.bias", 3, [1])])
    x = [-1.0, 0.0, 1.0]
    for step, (g_out, g_in2) in enumerate([([0.5, 0.25, 0.125], [4.0, 2.0, 1.0]),
                                           ([1e-3, -1.3e38, 1e-3], [8e-3, -INF, 8e-3])], start=1):
        t.step(step, 0.25 if step == 1 else 0.5, 3.0 if step == 1 else None)
        for p, v in [(0, 8.0), (1, 0.0), (2, 8.0), (3, 0.0)]:
            t.row(step, "forward", "param", [v], module=1 if p < 2 else 3, param=p)
        t.row(step, "forward", "input", x, module=1)
        t.row(step, "forward", "output", [-8.0, 0.0, 8.0], module=1)
        t.row(step, "forward", "output", [-1.0, 0.0, 1.0], module=2)
        t.row(step, "forward", "input", [-1.0, 0.0, 1.0], module=3)
        t.row(step, "forward", "output", [-8.0, 0.0, 8.0], module=3)
        t.row(step, "forward", "output", [-1.0, 0.0, 1.0], module=4)
        t.row(step, "loss", "loss", [0.25 if step == 1 else 0.5])
        t.row(step, "backward", "grad_output", g_out, module=4)
        t.row(step, "backward", "grad_input", g_out, module=4)
        t.row(step, "backward", "grad_output", g_out, module=3)
        t.row(step, "backward", "param_grad", [sum(g_out)], module=3, param=2)
        t.row(step, "backward", "grad_input", g_in2, module=3)
        t.row(step, "backward", "grad_output", g_in2, module=2)
        t.row(step, "backward", "grad_input", g_in2, module=2)
        t.row(step, "backward", "grad_output", g_in2, module=1)
        bad = step == 2
        t.row(step, "backward", "param_grad", [math.nan] if bad else [sum(a * b for a, b in zip(g_in2, x))],
              module=1, param=0)
        t.row(step, "backward", "param_grad", [-INF] if bad else [sum(g_in2)], module=1, param=1)
        t.row(step, "backward", "grad_input", [8 * g for g in g_in2], module=1)
        for p, v in [(0, math.nan if bad else 7.9), (1, -INF if bad else 0.1), (2, 8.0), (3, 0.0)]:
            t.row(step, "update", "param_updated", [v], module=1 if p < 2 else 3, param=p)
    t.close()


def log_zero():
    """ops=1: a softmax output with a 0, then aten::log outside any module in the loss pass: -Inf."""
    t = Trace("log_zero.gstrace", {"ops": "1"})
    t.modules([(0, "", "Linear", 1)])
    t.parameters([(0, "weight", 0, [3, 2]), (1, "bias", 0, [3])])
    t.step(1, None, None)
    t.row(1, "forward", "input", [1.0, 2.0], module=0)
    t.row(1, "forward", "output", [900.0, 0.5, -3.0], module=0)
    t.row(1, "loss", "op_input", [900.0, 0.5, -3.0], op="aten::_softmax", operand=0)
    t.row(1, "loss", "op_output", [1.0, 0.0, 0.0], op="aten::_softmax")
    t.row(1, "loss", "op_input", [1.0, 0.0, 0.0], op="aten::log", operand=0)
    t.row(1, "loss", "op_output", [0.0, -INF, -INF], op="aten::log")
    t.row(1, "loss", "loss", [INF])
    t.close()


def finite():
    """Three finite steps of a two-layer MLP whose gradient norms are 1, 2 and 3."""
    t = Trace("finite.gstrace")
    t.modules([(0, "", "MLP", 0), (1, "fc1", "Linear", 1), (2, "act", "ReLU", 1), (3, "fc2", "Linear", 1)])
    t.parameters([(0, "fc1.weight", 1, [2, 2]), (1, "fc2.weight", 3, [1, 2])])
    for step in (1, 2, 3):
        t.step(step, 1.0 / step, float(step))
        t.row(step, "forward", "input", [0.5, -0.5], module=1)
        t.row(step, "forward", "output", [step * 2.0, -step * 2.0], module=1)
        t.row(step, "forward", "output", [step * 2.0, 0.0], module=2)
        t.row(step, "forward", "output", [step * 4.0], module=3)
        t.row(step, "loss", "loss", [1.0 / step])
        t.row(step, "backward", "grad_output", [0.5], module=3)
        t.row(step, "backward", "grad_input", [0.25, 0.25], module=3)
        t.row(step, "backward", "grad_output", [0.25, 0.25], module=2)
        t.row(step, "backward", "grad_input", [0.25, 0.0], module=2)
        t.row(step, "backward", "grad_output", [0.25, 0.0], module=1)
        t.row(step, "backward", "grad_input", [2.0 ** -20, 0.0], module=1)
    t.close()


def hostile():
    """A file that is not SQLite, a byte-truncated and a corrupt copy of finite.gstrace, a foreign schema,
    a newer schema version."""
    with open("not_sqlite.gstrace", "wb") as f:
        f.write(b"step,loss\n1,0.5\n")
    data = open("finite.gstrace", "rb").read()
    with open("truncated.gstrace", "wb") as f:
        f.write(data[: len(data) // 2 + 100])
    page = 4096
    corrupt = bytearray(data)
    for i in range(page * 2 + 8, page * 2 + 200):   # scribble over the third page's cells
        corrupt[i] ^= 0x5A
    with open("corrupt.gstrace", "wb") as f:
        f.write(bytes(corrupt))
    if os.path.exists("foreign.gstrace"):
        os.remove("foreign.gstrace")
    db = sqlite3.connect("foreign.gstrace")
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO users VALUES (1, 'ada')")
    db.commit()
    db.close()
    t = Trace("newer.gstrace", {"schema_version": "2"})
    t.close()


if __name__ == "__main__":
    chain()
    log_zero()
    finite()
    hostile()
