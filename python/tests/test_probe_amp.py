"""AMP on the CPU: autocast float16 with torch.amp.GradScaler("cpu")."""
import pytest
import torch
import torch.nn as nn

import gradscope_probe as gp
from probe_support import assert_stats, oracle, query, rows


@pytest.fixture(params=["host", "device"], autouse=True)
def watch_path(request, monkeypatch):
    """Runs each test twice: the CPU's at-once watch, and the device path (flags fetched at the step's end)."""
    monkeypatch.setattr(gp.Probe, "check_on_host", request.param == "host")
    return request.param


@pytest.mark.parametrize("every", [1, 2])
def test_gradients_are_stored_unscaled_and_skipped_steps_recorded(tmp_path, every):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0 ** 16)
    x, y = torch.randn(16, 4), torch.randn(16, 1)
    path = tmp_path / "amp.gstrace"
    unscaled = {}
    with gp.Probe(model, path, optimizer=opt, scaler=scaler, every=every) as probe:
        for step in range(1, 4):
            with probe.step():
                # Step 2's data is 10^4 times larger: the float16 forward stays finite, but the scaled
                # gradients (∂L/∂out ~ 10^4 times the scale 2^16) exceed 65504 in float16.
                with torch.autocast("cpu", dtype=torch.float16):
                    out = model(x * (1e4 if step == 2 else 1.0))
                loss = nn.functional.mse_loss(out.float(), y)
                probe.loss(loss)
                scaler.scale(loss).backward()
                scaler.unscale_(opt)  # the unscaled gradients, to compare with the trace
                unscaled[step] = [p.grad.detach().clone() for p in model.parameters()]
                scaler.step(opt)
                scaler.update()
                opt.zero_grad()
    steps = query(path, "SELECT step, scale, skipped, loss_class FROM steps ORDER BY step")
    # Step 2 overflows: the scaler skips the update and halves the scale for step 3.
    assert steps == [(1, 65536.0, 0, "finite"), (2, 65536.0, 1, "finite"), (3, 32768.0, 0, "finite")]
    # The overflowing gradients of step 2, unscaled (on a watch-only step, read at the step's end,
    # after the scaler's in-place unscale_: not divided twice).
    overflowed = rows(path, "step = 2 AND kind = 'param_grad'")
    assert overflowed and all(r["pos_inf"] + r["neg_inf"] + r["nan"] > 0 for r in overflowed)
    for r in overflowed:
        assert_stats(r, oracle(unscaled[2][r["param_id"]]), watch_only=every == 2)
    assert query(path, "SELECT COUNT(*) > 0 FROM stats WHERE step = 2 AND kind = 'grad_output' "
                       "AND pos_inf + neg_inf + nan > 0") == [(1,)]
    assert query(path, "SELECT COUNT(*) FROM stats WHERE step = 2 AND kind = 'param_updated'") == [(0,)]
    for step in (1, 3):
        grads = rows(path, "step = ? AND kind = 'param_grad'", (step,))
        assert sorted(r["param_id"] for r in grads) == [0, 1, 2, 3]
        for r in grads:
            # Dividing by a power of two is exact: the same numbers as the scaler's own unscale_.
            assert_stats(r, oracle(unscaled[step][r["param_id"]]))
    dtypes = dict(query(path, "SELECT module_id, dtype FROM stats WHERE step = 1 AND kind = 'output'"))
    assert dtypes == {1: "float16", 2: "float16", 3: "float16", 0: "float16"}
    # The activations' gradients are float16 and unscaled too: ∂L/∂out of the model's output is
    # 2 (out − y) / 16, far below the scale.
    (g,) = rows(path, "step = 1 AND kind = 'grad_output' AND module_id = 0")
    assert g["absmax"] < 1.0


def test_bfloat16_autocast_without_a_scaler(tmp_path):
    torch.manual_seed(0)
    model = nn.Linear(3, 2)
    path = tmp_path / "bf16.gstrace"
    x = torch.randn(4, 3)
    with gp.Probe(model, path) as probe:
        with probe.step():
            with torch.autocast("cpu", dtype=torch.bfloat16):
                out = model(x)
            loss = out.float().sum()
            probe.loss(loss)
            loss.backward()
    (row,) = rows(path, "kind = 'output'")
    assert row["dtype"] == "bfloat16"
    assert_stats(row, oracle(out))
    assert query(path, "SELECT scale, skipped FROM steps") == [(None, 0)]
