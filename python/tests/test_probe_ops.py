"""ops=True: every ATen operation watched, the backward pass included."""
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


def test_log_of_zero_outside_any_module_is_named(tmp_path):
    # A softmax whose smallest probabilities underflow to 0 in float32 (logit gaps of 200, 400), then a
    # log written outside any module: log(0) = -Inf, the first non-finite value in execution order.
    model = nn.Sequential(nn.Linear(2, 3), nn.Softmax(dim=-1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[100.0, 0.0], [-100.0, 0.0], [0.0, 0.0]]))
        model[0].bias.zero_()
    x = torch.tensor([[1.0, 0.0], [2.0, 0.0]])
    path = tmp_path / "log.gstrace"
    with gp.Probe(model, path, ops=True, every=2) as probe:
        for _ in range(2):     # step 1 full, step 2 watch-only
            with probe.step():
                p = model(x)
                loss = -torch.log(p).mean()
                probe.loss(loss)
                loss.backward()
    assert query(path, "SELECT value FROM meta WHERE key = 'ops'") == [("1",)]
    for step in (1, 2):
        first = rows(path, "step = ? AND nan + pos_inf + neg_inf > 0", (step,))[0]
        assert (first["pass"], first["kind"], first["module_id"], first["operation"]) == \
            ("forward", "op_output", None, "aten::log")
        # exp(-200) and exp(-400) underflow to 0 in float32; exp(-100) ≈ 3.7e-44 is a subnormal, not 0.
        assert (first["neg_inf"], first["nan"], first["pos_inf"]) == (3, 0, 0)
        operands = rows(path, "step = ? AND kind = 'op_input' AND operation = 'aten::log'", (step,))
        assert [r["operand"] for r in operands] == [0]
        assert operands[0]["seq"] == first["seq"] - 1
        assert_stats(operands[0], oracle(model(x).detach()), watch_only=step == 2)
        assert operands[0]["zeros"] == 3 and operands[0]["nan"] + operands[0]["pos_inf"] == 0
    # Inside modules, operations carry the innermost module: the softmax is aten::_softmax in module 2.
    softmax = rows(path, "step = 1 AND kind = 'op_output' AND operation = 'aten::_softmax'")
    assert [(r["pass"], r["module_id"]) for r in softmax] == [("forward", 2)]
    # The backward pass is watched too: the softmax's backward operation, within the Softmax module.
    backward_ops = {r["operation"] for r in rows(path, "step = 1 AND pass = 'backward' AND kind = 'op_output'")}
    assert "aten::_softmax_backward_data" in backward_ops


def test_the_probe_records_none_of_its_own_operations(tmp_path):
    model = nn.Linear(2, 1)
    path = tmp_path / "own.gstrace"
    with gp.Probe(model, path, ops=True) as probe:
        with probe.step():
            loss = model(torch.ones(3, 2)).sum()
            probe.loss(loss)
    ops = [(r["kind"], r["operation"]) for r in rows(path, "kind LIKE 'op_%'")]
    # Linear is aten::addmm (bias, input, weightᵀ — the transpose is a view and not recorded),
    # then the sum; nothing the probe computes for its statistics.
    assert ops == [("op_input", "aten::addmm"), ("op_input", "aten::addmm"), ("op_input", "aten::addmm"),
                   ("op_output", "aten::addmm"), ("op_input", "aten::sum"), ("op_output", "aten::sum")]
