"""Every table and column of a trace of a tiny model, against torch computed independently."""
import math

import torch
import torch.nn as nn

import gradscope_probe as gp
from probe_support import assert_stats, oracle, query, rows

STATS_COLUMNS = ["step", "seq", "pass", "kind", "module_id", "call_index", "param_id", "operation",
                 "operand", "dtype", "n", "nan", "pos_inf", "neg_inf", "zeros", "absmax", "absmin", "mean",
                 "rms", "f16_subnormal", "hist"]


def tiny():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    x, y = torch.randn(5, 3), torch.randn(5, 2)
    return model, x, y


def make_optimizer(model):
    return torch.optim.SGD([{"params": model[0].parameters(), "lr": 0.1},
                            {"params": model[2].parameters(), "lr": 0.05}])


def record(path, steps=2):
    """Trains `steps` steps under the probe; returns each step's starting parameters, x and y."""
    model, x, y = tiny()
    opt = make_optimizer(model)
    starts = []
    with gp.Probe(model, path, optimizer=opt) as probe:
        for _ in range(steps):
            starts.append([p.detach().clone() for p in model.parameters()])
            with probe.step():
                loss = nn.functional.mse_loss(model(x), y)
                probe.loss(loss)
                loss.backward()
                opt.step()
                opt.zero_grad()
    return starts, x, y


def independent_step(start, x, y):
    """One step computed by hand from its starting parameters: the tensors the probe should have seen."""
    w1, b1, w2, b2 = (p.clone().requires_grad_() for p in start)
    h = x @ w1.T + b1
    a = torch.tanh(h)
    out = a @ w2.T + b2
    loss = ((out - y) ** 2).mean()
    dh, da, dout, dw1, db1, dw2, db2 = torch.autograd.grad(loss, [h, a, out, w1, b1, w2, b2])
    with torch.no_grad():
        updated = [torch.add(w, dw, alpha=-lr) for w, dw, lr in
                   zip((w1, b1, w2, b2), (dw1, db1, dw2, db2), (0.1, 0.1, 0.05, 0.05))]
    return {"x": x, "h": h, "a": a, "out": out, "loss": loss, "dh": dh, "da": da, "dout": dout,
            "grads": [dw1, db1, dw2, db2], "params": [w1, b1, w2, b2], "updated": updated}


def test_schema_tables_and_columns(tmp_path):
    path = tmp_path / "run.gstrace"
    record(path, steps=1)
    tables = query(path, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    assert tables == [("table", "learning_rates"), ("table", "meta"), ("table", "modules"),
                      ("table", "parameters"), ("table", "stats"), ("index", "stats_nonfinite"),
                      ("table", "steps")]
    columns = {t: [c[1] for c in query(path, f"PRAGMA table_info({t})")]
               for t in ("meta", "modules", "parameters", "steps", "learning_rates", "stats")}
    assert columns == {
        "meta": ["key", "value"],
        "modules": ["id", "name", "type", "is_leaf"],
        "parameters": ["id", "name", "module_id", "shape", "dtype"],
        "steps": ["step", "loss", "loss_class", "grad_norm", "grad_norm_class", "scale", "skipped", "full",
                  "wall_seconds"],
        "learning_rates": ["step", "group_index", "lr"],
        "stats": STATS_COLUMNS,
    }
    assert query(path, "PRAGMA journal_mode") == [("wal",)]


def test_meta_modules_and_parameters(tmp_path):
    path = tmp_path / "run.gstrace"
    record(path, steps=1)
    meta = dict(query(path, "SELECT key, value FROM meta"))
    created = meta.pop("created")
    assert created.endswith("Z") and len(created) == 20
    assert meta == {"schema_version": "1", "format": "gradscope-trace", "probe_version": gp.__version__,
                    "torch_version": torch.__version__, "model_class": "Sequential", "every": "1",
                    "ops": "0", "device": "cpu", "histogram_min_exponent": "-160",
                    "histogram_max_exponent": "160"}
    assert query(path, "SELECT * FROM modules ORDER BY id") == [
        (0, "", "Sequential", 0), (1, "0", "Linear", 1), (2, "1", "Tanh", 1), (3, "2", "Linear", 1)]
    assert query(path, "SELECT * FROM parameters ORDER BY id") == [
        (0, "0.weight", 1, "[4, 3]", "float32"), (1, "0.bias", 1, "[4]", "float32"),
        (2, "2.weight", 3, "[2, 4]", "float32"), (3, "2.bias", 3, "[2]", "float32")]


def test_steps_learning_rates_and_every_stats_row(tmp_path):
    path = tmp_path / "run.gstrace"
    starts, x, y = record(path, steps=2)
    for step in (1, 2):
        t = independent_step(starts[step - 1], x, y)
        (loss, loss_class, grad_norm, grad_norm_class, scale, skipped, full, wall), = query(
            path, "SELECT loss, loss_class, grad_norm, grad_norm_class, scale, skipped, full, wall_seconds "
                  "FROM steps WHERE step = ?", (step,))
        assert (loss, loss_class) == (t["loss"].item(), "finite")
        expected_norm = math.sqrt(math.fsum(v * v for g in t["grads"] for v in g.double().reshape(-1).tolist()))
        assert grad_norm_class == "finite" and math.isclose(grad_norm, expected_norm, rel_tol=1e-6)  # float32 kernels differ in rounding
        assert (scale, skipped, full) == (None, 0, 1) and 0 < wall < 60
        assert query(path, "SELECT group_index, lr FROM learning_rates WHERE step = ? ORDER BY group_index",
                     (step,)) == [(0, 0.1), (1, 0.05)]

        got = rows(path, "step = ?", (step,))
        # (pass, kind, module id, param id, the independent tensor) in execution order.
        p, g, u = t["params"], t["grads"], t["updated"]
        expected = [
            ("forward", "param", 1, 0, p[0]), ("forward", "param", 1, 1, p[1]),
            ("forward", "param", 3, 2, p[2]), ("forward", "param", 3, 3, p[3]),
            ("forward", "input", 0, None, x), ("forward", "input", 1, None, x),
            ("forward", "output", 1, None, t["h"]), ("forward", "input", 2, None, t["h"]),
            ("forward", "output", 2, None, t["a"]), ("forward", "input", 3, None, t["a"]),
            ("forward", "output", 3, None, t["out"]), ("forward", "output", 0, None, t["out"]),
            ("loss", "loss", None, None, t["loss"]),
            ("backward", "grad_output", 3, None, t["dout"]), ("backward", "grad_output", 0, None, t["dout"]),
            ("backward", "param_grad", 3, 3, g[3]), ("backward", "param_grad", 3, 2, g[2]),
            ("backward", "grad_output", 2, None, t["da"]), ("backward", "grad_input", 3, None, t["da"]),
            ("backward", "grad_output", 1, None, t["dh"]), ("backward", "grad_input", 2, None, t["dh"]),
            ("backward", "param_grad", 1, 1, g[1]), ("backward", "param_grad", 1, 0, g[0]),
            ("update", "param_updated", 1, 0, u[0]), ("update", "param_updated", 1, 1, u[1]),
            ("update", "param_updated", 3, 2, u[2]), ("update", "param_updated", 3, 3, u[3]),
        ]
        assert [(r["pass"], r["kind"], r["module_id"], r["param_id"]) for r in got] == \
            [e[:4] for e in expected]
        for seq, (row, (_, _, _, _, tensor)) in enumerate(zip(got, expected)):
            assert (row["step"], row["seq"], row["call_index"], row["operation"], row["operand"],
                    row["dtype"]) == (step, seq, 0, None, None, "float32")
            assert_stats(row, oracle(tensor), rel=1e-6)
