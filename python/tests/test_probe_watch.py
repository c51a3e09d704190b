"""every=k: full statistics on steps 1, 1+k, …; between them the watch writes only non-finite tensors."""
import math

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


class Poisoned(nn.Module):
    """Linear → Log → Linear; the data of step 3 holds a negative input to the log, giving NaN."""

    def __init__(self):
        super().__init__()
        self.first = nn.Linear(2, 2)
        self.log = Log()
        self.last = nn.Linear(2, 1)

    def forward(self, x):
        return self.last(self.log(self.first(x)))


class Log(nn.Module):
    def forward(self, x):
        return torch.log(x)


def batches():
    for step in range(1, 6):
        x = torch.full((2, 2), 1.0 + step)
        yield step, x


def run(path, every):
    torch.manual_seed(0)
    model = Poisoned()
    with torch.no_grad():
        model.first.weight.copy_(torch.eye(2))
        model.first.bias.zero_()
    seen = {}
    with gp.Probe(model, path, every=every) as probe:  # no optimizer: every step sees the same weights
        for step, x in batches():
            if step == 3:
                x = x.clone()
                x[0, 0] = -1.0  # log(-1) = NaN in row 0
            seen[step] = x
            with probe.step():
                loss = model(x).sum()
                probe.loss(loss)
                loss.backward()
                model.zero_grad()
    return model, seen


def test_full_steps_and_watch_steps(tmp_path):
    path = tmp_path / "watch.gstrace"
    model, seen = run(path, every=2)
    assert query(path, "SELECT step, full, loss_class, grad_norm_class FROM steps ORDER BY step") == [
        (1, 1, "finite", "finite"), (2, 0, "finite", "finite"), (3, 1, "nan", "nan"),
        (4, 0, "finite", "finite"), (5, 1, "finite", "finite")]
    # The gradient norm is recorded on every step, full or not, against torch's own on the same data.
    for step, x in seen.items():
        if step != 3:
            model.zero_grad()
            model(x).sum().backward()
            expected = torch.linalg.vector_norm(
                torch.stack([torch.linalg.vector_norm(p.grad, dtype=torch.float64) for p in model.parameters()]))
            (norm,), = query(path, "SELECT grad_norm FROM steps WHERE step = ?", (step,))
            assert math.isclose(norm, expected.item(), rel_tol=1e-6), (step, norm, expected)
    # The finite watch-only steps write no stats rows at all; full steps write every row with a histogram.
    counts = dict(query(path, "SELECT step, COUNT(*) FROM stats GROUP BY step"))
    assert set(counts) == {1, 3, 5}
    assert query(path, "SELECT COUNT(*) FROM stats WHERE step IN (1, 5) AND hist IS NULL") == [(0,)]


def test_a_nan_on_a_watch_step_is_recorded_with_its_operand(tmp_path):
    path = tmp_path / "watch4.gstrace"
    model, seen = run(path, every=4)   # full steps 1 and 5; step 3 is watch-only
    assert query(path, "SELECT step, full FROM steps ORDER BY step") == [
        (1, 1), (2, 0), (3, 0), (4, 0), (5, 1)]
    got = rows(path, "step = 3")
    # Execution order: each module call whose output holds the NaN, after its (operand) input row:
    # the model (input finite), the Log (input finite: the producer), the last Linear (input NaN),
    # the model's output, the loss; in the backward pass ∂L/∂(log output) is the last Linear's
    # weight and ∂L/∂z = w / z, both finite: only the last Linear's weight gradient, which
    # multiplies the NaN activations, is non-finite.
    assert [(r["pass"], r["kind"], r["module_id"], r["param_id"]) for r in got] == [
        ("forward", "input", 0, None), ("forward", "input", 2, None), ("forward", "output", 2, None),
        ("forward", "input", 3, None), ("forward", "output", 3, None), ("forward", "output", 0, None),
        ("loss", "loss", None, None), ("backward", "param_grad", 3, 2)]
    assert [r["seq"] for r in got] == list(range(len(got)))
    assert all(r["hist"] is None and r["f16_subnormal"] is None for r in got)
    assert all(r["nan"] + r["pos_inf"] + r["neg_inf"] > 0 for r in got if r["kind"] != "input")
    z = seen[3] @ model.first.weight.detach().T + model.first.bias.detach()
    assert_stats(got[0], oracle(seen[3]), watch_only=True)
    assert_stats(got[1], oracle(z), watch_only=True)
    assert_stats(got[2], oracle(torch.log(z)), watch_only=True)
    assert (got[2]["nan"], got[6]["nan"], got[7]["nan"]) == (1, 1, 1)
    assert query(path, "SELECT COUNT(*) FROM stats WHERE step IN (2, 4)") == [(0,)]


def test_the_watch_flag_false_alarm_writes_nothing(tmp_path):
    """A finite tensor whose sum overflows float32 is checked exactly and not written."""
    model = nn.Identity()
    path = tmp_path / "overflow.gstrace"
    big = torch.full((4,), 3e38)
    with gp.Probe(model, path, every=2) as probe:
        for _ in range(2):
            with probe.step():
                model(big)
    assert query(path, "SELECT step, COUNT(*) FROM stats GROUP BY step") == [(1, 2)]
    assert math.isinf(big.sum().item())
