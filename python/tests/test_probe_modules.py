"""Module calls: an RNN cell recorded per call, in-place ReLU, and inputs given as keywords."""
import torch
import torch.nn as nn

import gradscope_probe as gp
from probe_support import assert_stats, oracle, query, rows


class Unrolled(nn.Module):
    """An RNNCell applied over 3 time steps, then a linear read-out."""

    def __init__(self):
        super().__init__()
        self.cell = nn.RNNCell(2, 3)
        self.head = nn.Linear(3, 1)

    def forward(self, xs):
        h = torch.zeros(xs.shape[1], 3)
        for x in xs:
            h = self.cell(x, h)
        return self.head(h)


def test_an_rnn_cell_is_recorded_per_call_in_forward_order(tmp_path):
    torch.manual_seed(1)
    model = Unrolled()
    xs = torch.randn(3, 4, 2)
    start = [p.detach().clone() for p in model.parameters()]
    path = tmp_path / "rnn.gstrace"
    with gp.Probe(model, path) as probe:
        with probe.step():
            loss = model(xs).pow(2).mean()
            probe.loss(loss)
            loss.backward()
    assert query(path, "SELECT id, name, type FROM modules ORDER BY id") == [
        (0, "", "Unrolled"), (1, "cell", "RNNCell"), (2, "head", "Linear")]
    forward = [(r["kind"], r["module_id"], r["call_index"])
               for r in rows(path, "pass = 'forward' AND kind IN ('input', 'output')")]
    assert forward == [("input", 0, 0), ("input", 1, 0), ("output", 1, 0), ("input", 1, 1), ("output", 1, 1),
                       ("input", 1, 2), ("output", 1, 2), ("input", 2, 0), ("output", 2, 0), ("output", 0, 0)]
    # Independently: the hidden states and their gradients.
    w_ih, w_hh, b_ih, b_hh, w, b = (p.clone().requires_grad_() for p in start)
    h, states = torch.zeros(4, 3), []
    for x in xs:
        h = torch.tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)
        states.append(h)
    loss = (h @ w.T + b).pow(2).mean()
    grads = torch.autograd.grad(loss, states)
    outputs = rows(path, "kind = 'output' AND module_id = 1")
    assert [r["call_index"] for r in outputs] == [0, 1, 2]
    for r, state in zip(outputs, states):
        assert_stats(r, oracle(state), rel=1e-6)
    # Backward runs the calls in reverse: call 2's output gradient first.
    backward = rows(path, "kind = 'grad_output' AND module_id = 1")
    assert [r["call_index"] for r in backward] == [2, 1, 0]
    for r in backward:
        assert_stats(r, oracle(grads[r["call_index"]]), rel=1e-5)


def test_inplace_relu_records_both_sides(tmp_path):
    torch.manual_seed(2)
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(inplace=True), nn.Flatten(),
                          nn.Linear(2 * 4 * 4, 1))
    x = torch.randn(3, 1, 6, 6)
    path = tmp_path / "cnn.gstrace"
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    with gp.Probe(model, path, optimizer=opt) as probe:
        with probe.step():
            loss = model(x).sum()
            probe.loss(loss)
            loss.backward()
            opt.step()
            opt.zero_grad()
    relu = 3
    (relu_in,), (relu_out,) = rows(path, f"kind = 'input' AND module_id = {relu}"), \
        rows(path, f"kind = 'output' AND module_id = {relu}")
    (bn_out,) = rows(path, "kind = 'output' AND module_id = 2")
    # The ReLU's input is the BatchNorm output before the in-place change: same statistics, with negatives.
    assert {k: relu_in[k] for k in ("n", "absmax", "mean", "hist")} == \
        {k: bn_out[k] for k in ("n", "absmax", "mean", "hist")}
    assert relu_in["mean"] < relu_out["mean"] and relu_out["zeros"] > relu_in["zeros"]
    (g_out,), (g_in,) = rows(path, f"kind = 'grad_output' AND module_id = {relu}"), \
        rows(path, f"kind = 'grad_input' AND module_id = {relu}")
    # ∂L/∂input = ∂L/∂output · 1[z > 0]: as many zeros as the ReLU's output has.
    assert g_in["zeros"] == relu_out["zeros"] and g_out["zeros"] == 0
    assert query(path, "SELECT COUNT(*) FROM stats WHERE kind = 'param_grad'") == [(6,)]


def test_independent_relu_oracle(tmp_path):
    """In-place ReLU against a hand-computed reference with the same parameters."""
    torch.manual_seed(3)
    model = nn.Sequential(nn.Linear(4, 5), nn.ReLU(inplace=True), nn.Linear(5, 1))
    x = torch.randn(6, 4)
    w1, b1, w2, b2 = (p.detach().clone().requires_grad_() for p in model.parameters())
    z = x @ w1.T + b1
    a = torch.relu(z)
    out = a @ w2.T + b2
    loss = out.sum()
    dz, da = torch.autograd.grad(loss, [z, a])
    path = tmp_path / "relu.gstrace"
    with gp.Probe(model, path) as probe:
        with probe.step():
            loss = model(x).sum()
            probe.loss(loss)
            loss.backward()
    got = {(r["kind"], r["module_id"]): r for r in rows(path, "module_id = 2")}
    assert sorted(got) == [("grad_input", 2), ("grad_output", 2), ("input", 2), ("output", 2)]
    assert_stats(got[("input", 2)], oracle(z), rel=1e-6)
    assert_stats(got[("output", 2)], oracle(a), rel=1e-6)
    assert_stats(got[("grad_output", 2)], oracle(da), rel=1e-6)
    assert_stats(got[("grad_input", 2)], oracle(dz), rel=1e-6)


def test_recording_happens_only_inside_a_step(tmp_path):
    model = nn.Linear(2, 1)
    path = tmp_path / "outside.gstrace"
    with gp.Probe(model, path) as probe:
        model(torch.ones(1, 2)).sum().backward()
        with probe.step():
            model(torch.ones(1, 2))
        try:
            probe.loss(torch.tensor(1.0))
            raise AssertionError("probe.loss outside a step must raise")
        except RuntimeError as error:
            assert "inside `with probe.step():`" in str(error)
    assert query(path, "SELECT step, full, skipped FROM steps") == [(1, 1, 0)]
    assert [(r["kind"], r["module_id"]) for r in rows(path)] == [
        ("param", 0), ("param", 0), ("input", 0), ("output", 0)]
