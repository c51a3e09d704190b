"""`OpWatch`: the dispatch mode behind `Probe(ops=True)`.

It sees every ATen operation that reaches the Python dispatch key — the
forward pass, the backward pass (autograd runs it with the same thread-local
modes) and the optimizer's update, also operations written outside any
module — and records each floating-point result as an `op_output` row named
`aten::<name>` (e.g. `aten::log`), with its tensor operands as `op_input`
rows (every operand on full steps; on watch steps only those of a non-finite
result). Views, aliases and operations without a tensor operand (factories)
are not recorded: they compute no new values. Operation rows hold values as
computed (under a GradScaler, the backward pass's values are scaled).
"""
from __future__ import annotations

import torch
from torch.utils._python_dispatch import TorchDispatchMode

from . import stats

_SKIPPED = frozenset({"aten::detach", "aten::alias", "aten::lift_fresh", "aten::_local_scalar_dense",
                      "aten::clone"})


def _tensors(values):
    """The tensors among operands (lists and tuples of tensors flattened), in order."""
    out = []
    for v in values:
        if isinstance(v, torch.Tensor):
            out.append(v)
        elif isinstance(v, (list, tuple)):
            out.extend(t for t in v if isinstance(t, torch.Tensor))
    return out


class OpWatch(TorchDispatchMode):
    def __init__(self, probe):
        super().__init__()
        self.probe = probe

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        probe = self.probe
        s = probe._step
        if s is None or probe._busy or func.is_view:
            return func(*args, **kwargs)
        name = func._schema.name
        if name in _SKIPPED:
            return func(*args, **kwargs)
        operands = _tensors(args) + _tensors(kwargs.values())
        if not operands:
            return func(*args, **kwargs)
        pass_, module_id, call = probe._current_place()
        inputs = []
        for position, t in enumerate(operands):
            if stats.recordable(t):
                row = probe._record(t, pass_, "op_input", module_id, call, operation=name, operand=position,
                                    watched=False)
                inputs.append(row)
        result = func(*args, **kwargs)
        results = result if isinstance(result, (tuple, list)) else (result,)
        for t in _tensors(results):
            row = probe._record(t, pass_, "op_output", module_id, call, operation=name)
            if row is not None:
                row.related = tuple(inputs)
                probe._settle(row)
        return result
