"""`Probe`: records a PyTorch training run into a trace (docs/trace-schema.md).

    with gp.Probe(model, "run.gstrace", optimizer=opt) as probe:
        for x, y in batches:
            with probe.step():
                loss = loss_fn(model(x), y)
                probe.loss(loss)
                loss.backward()
                opt.step(); opt.zero_grad()

Hooks: a forward pre-hook and forward hook per module (the call index counts
the module's calls in the step); tensor hooks on a module's input and output
for the backward pass (they work with in-place modules such as
`nn.ReLU(inplace=True)`, where full backward hooks refuse); a
post-accumulate-grad hook per parameter; an optimizer step post-hook for the
parameters after the update; with `ops=True` a `TorchDispatchMode` that sees
every ATen operation, the backward pass included.

Statistics are reduced on the tensor's device while the step runs and
fetched in one transfer at the step's end. Between full steps (`every=k`) the
watch reduces each tensor to one scalar (its sum, or a gradient's norm: NaN
and ±Inf propagate). On a GPU the scalars wait for the step's one transfer,
with a reference to each tensor until then; only when a flag is non-finite are
that tensor's statistics (and its operands') computed, in a second transfer in
that step only. On the CPU there is no transfer to batch: each tensor is
checked at once, and only an operand is kept until its result is checked.
"""
from __future__ import annotations

import math
import time
import weakref

import torch

from . import stats
from . import trace
from .ops import OpWatch

__all__ = ["Probe"]


def _first_tensor(value):
    """The first tensor in a tensor, a tuple/list (one level deep) or a dict's values; else None."""
    if isinstance(value, torch.Tensor):
        return value
    if isinstance(value, (tuple, list)):
        for item in value:
            if isinstance(item, torch.Tensor):
                return item
    if isinstance(value, dict):
        for item in value.values():
            if isinstance(item, torch.Tensor):
                return item
    return None


class _Row:
    """A candidate stats row; its statistics come from a device vector, a watch flag or the host."""
    __slots__ = ("pass_", "kind", "module_id", "call_index", "param_id", "operation", "operand",
                 "dtype", "n", "vector", "flag", "value", "ref", "version", "divide", "related", "host", "written")

    def __init__(self, pass_, kind, module_id, call_index, param_id, operation, operand, t):
        self.pass_, self.kind, self.module_id, self.call_index = pass_, kind, module_id, call_index
        self.param_id, self.operation, self.operand = param_id, operation, operand
        self.dtype = str(t.dtype).removeprefix("torch.")
        self.n = t.numel()
        self.vector = self.flag = self.value = self.ref = self.version = self.host = None
        self.divide = False
        self.related = ()
        self.written = None


class _Step:
    """Everything recorded during one step until it is written."""

    def __init__(self, number: int, full: bool):
        self.number, self.full = number, full
        self.started = time.perf_counter()
        self.rows: list[_Row] = []
        self.vectors: list[torch.Tensor] = []   # full statistics, one WIDTH vector each
        self.scalars: list[torch.Tensor] = []   # 0-d float64: flags, loss, scales, norms
        self.vector_cache: dict = {}
        self.flag_cache: dict = {}
        self.calls: dict[int, int] = {}
        self.grad_calls: dict[int, int] = {}
        self.module_stack: list[tuple[int, int]] = []
        self.backward_module: tuple[int, int, int, int] | None = None  # (module, call, depth, grad id)
        self.loss = None                       # scalar index
        self.scale_used = None                 # device tensor (a clone of the scaler's scale)
        self.scale_used_index = None
        self.last_grad: dict[int, _Row] = {}   # param id -> its last param_grad row
        self.stepped = False
        self.in_update = False
        self.learning_rates: list[float] | None = None


class Probe:
    """Records `model`'s training into the trace at `path` (SQLite; refuses an existing path).

    - Parameters:
      - model: the `nn.Module`; modules and parameters are named as `named_modules()` /
        `named_parameters()` name them.
      - path: the trace file to create (`.gstrace` by convention).
      - optimizer: records the parameters after each update and the learning rates.
      - scaler: a `torch.amp.GradScaler`; gradients are stored divided by its scale.
      - ops: also watch every ATen operation (a dispatch mode), naming the producing operation.
      - every: full statistics every `every`-th step (steps 1, 1 + every, …); the watch for
        non-finite values runs every step.
      - overwrite: replace an existing trace at `path`.
    - Throws: `FileExistsError` when `path` exists and `overwrite` is false; `ValueError` for
      `every` < 1.
    """

    # On the CPU the watch checks each tensor at once (there is no transfer to batch); False makes the
    # CPU take the device path (flags fetched at the step's end), which the tests use to exercise it.
    check_on_host = True

    def __init__(self, model: torch.nn.Module, path, optimizer=None, scaler=None, ops: bool = False,
                 every: int = 1, overwrite: bool = False):
        if not isinstance(every, int) or isinstance(every, bool) or every < 1:
            raise ValueError(f"every must be an integer of at least 1, got {every!r}.")
        self.model, self.optimizer, self.scaler = model, optimizer, scaler
        self.ops, self.every = bool(ops), every
        self._modules = list(model.named_modules())
        self._module_ids = {id(m): i for i, (_, m) in enumerate(self._modules)}
        self._depth = {i: (name.count(".") + 1 if name else 0) for i, (name, _) in enumerate(self._modules)}
        module_by_name = {name: i for i, (name, _) in enumerate(self._modules)}
        self._params = list(model.named_parameters())
        self._param_ids = {id(p): i for i, (_, p) in enumerate(self._params)}
        self._param_owner = [module_by_name[name.rpartition(".")[0]] for name, _ in self._params]
        self._param_cache: dict[int, tuple] = {}   # param id -> (version, data_ptr, host stats)
        self._handles = []
        self._step: _Step | None = None
        self._steps_done = 0
        self._busy = False
        self._op_watch = OpWatch(self) if self.ops else None
        from . import __version__
        first = next(model.parameters(), None)
        device = str(first.device) if first is not None else "cpu"
        self._writer = trace.TraceWriter(path, overwrite=overwrite)
        self._writer.begin_or_remove(
            trace.meta(model, every, self.ops, device, __version__, torch.__version__),
            [(i, name, type(m).__name__, int(next(m.children(), None) is None))
             for i, (name, m) in enumerate(self._modules)],
            [(i, name, self._param_owner[i], tuple(p.shape), str(p.dtype).removeprefix("torch."))
             for i, (name, p) in enumerate(self._params)])

    # Context management

    def __enter__(self):
        for i, (_, m) in enumerate(self._modules):
            self._handles.append(m.register_forward_pre_hook(self._pre_hook(i), with_kwargs=True))
            self._handles.append(m.register_forward_hook(self._post_hook(i), with_kwargs=True,
                                                         always_call=True))
        for i, (_, p) in enumerate(self._params):
            if p.requires_grad:
                self._handles.append(p.register_post_accumulate_grad_hook(self._grad_hook(i)))
        if self.optimizer is not None:
            self._handles.append(self.optimizer.register_step_pre_hook(self._optimizer_pre_hook))
            self._handles.append(self.optimizer.register_step_post_hook(self._optimizer_post_hook))
        return self

    def __exit__(self, *exc):
        for handle in self._handles:
            handle.remove()
        self._handles.clear()
        self._writer.close()
        return False

    def step(self):
        """A context manager around one optimizer step (numbered from 1)."""
        return _StepContext(self)

    def loss(self, loss: torch.Tensor):
        """Records the step's loss (the unscaled loss, before `scaler.scale`)."""
        s = self._require_step("probe.loss(...)")
        self._busy = True
        try:
            value = loss.detach()
            s.loss = self._scalar(value if value.numel() == 1 else value.double().mean())
        finally:
            self._busy = False
        self._record(loss, "loss", "loss", None, 0)

    # Steps

    def _require_step(self, what: str) -> _Step:
        if self._step is None:
            raise RuntimeError(f"{what} must be called inside `with probe.step():`.")
        return self._step

    def _begin_step(self):
        if self._step is not None:
            raise RuntimeError("probe.step() blocks cannot be nested.")
        number = self._steps_done + 1
        s = self._step = _Step(number, full=(number - 1) % self.every == 0)
        if s.full:
            for i, (_, p) in enumerate(self._params):
                cached = self._param_cache.get(i)
                if cached is not None and cached[0] == p._version and cached[1] == p.data_ptr():
                    row = _Row("forward", "param", self._param_owner[i], 0, i, None, None, p)
                    row.host = cached[2]
                    s.rows.append(row)
                else:
                    self._record(p, "forward", "param", self._param_owner[i], 0, param_id=i)
        if self._op_watch is not None:
            self._op_watch.__enter__()

    def _end_step(self):
        s = self._step
        if self._op_watch is not None:
            self._op_watch.__exit__(None, None, None)
        try:
            self._finish(s)
        finally:
            self._step = None
            self._steps_done = s.number

    def _finish(self, s: _Step):
        scaler = self._active_scaler()
        scale_after_index = None
        if scaler is not None and s.scale_used is not None:
            scale_after_index = self._scalar(scaler._scale.detach().reshape(()))
        if s.learning_rates is None and self.optimizer is not None:
            s.learning_rates = [float(g["lr"]) for g in self.optimizer.param_groups]
        vectors, scalars = self._fetch(s.vectors, s.scalars)      # the one transfer

        decoded_vectors = {}

        def vector_stats(row):
            if row.vector not in decoded_vectors:
                start = row.vector * stats.WIDTH
                decoded_vectors[row.vector] = stats.decode(vectors[start:start + stats.WIDTH], row.n)
            return decoded_vectors[row.vector]

        # The watch: rows whose flag is non-finite, with their operands, get exact statistics now.
        pending = []
        for row in s.rows:
            if row.flag is not None:
                row.value = scalars[row.flag]
                if not math.isfinite(row.value):
                    pending.append(row)
                    pending.extend(r for r in row.related if r.host is None and r.vector is None)
        if pending:
            unique = list({id(r): r for r in pending}.values())
            scale = s.scale_used
            # A gradient changed in place since it was recorded was unscaled by the scaler's unscale_.
            late, _ = self._fetch([stats.reduce(r.ref, scale if r.divide and r.ref._version == r.version else None)
                                   for r in unique], [])
            for k, r in enumerate(unique):
                r.host = stats.decode(late[k * stats.WIDTH:(k + 1) * stats.WIDTH], r.n)
                r.host["hist"] = r.host["f16_subnormal"] = None   # watch-only row
            for row in pending:
                if row.flag is not None and row.host["nonfinite"] > 0:
                    row.written = True
                    for r in row.related:
                        r.written = True

        rows, seq = [], 0
        for row in s.rows:
            if row.vector is not None:
                st = vector_stats(row)
            elif row.host is not None and (row.written or s.full):
                st = row.host
            else:
                continue
            rows.append((s.number, seq, row.pass_, row.kind, row.module_id, row.call_index, row.param_id,
                         row.operation, row.operand, row.dtype, st["n"], st["nan"], st["pos_inf"],
                         st["neg_inf"], st["zeros"], st["absmax"], st["absmin"], st["mean"], st["rms"],
                         st["f16_subnormal"], st["hist"]))
            seq += 1
        if not s.full:
            self._param_cache.clear()
        else:
            for row in s.rows:
                if row.kind == "param_updated":
                    self._param_cache[row.param_id] = (row.ref._version, row.ref.data_ptr(), vector_stats(row))

        # The gradient norm over the last gradient of each parameter (unscaled).
        grad_norm = None
        if s.last_grad:
            squares, worst = 0.0, None
            for pid, row in s.last_grad.items():
                if row.vector is not None:
                    st = vector_stats(row)
                    squares += st["finite_norm"] ** 2
                    if st["nan"]:
                        worst = "nan"
                    elif st["nonfinite"] and worst is None:
                        worst = "inf"
                else:
                    # The watch's flag of a gradient is its float32 norm (NaN and ±Inf propagate; an
                    # overflow of finite values is resolved exactly below), of the scaled gradient.
                    norm = row.value
                    if row.divide:
                        norm /= scalars[s.scale_used_index]
                    if row.host is not None:  # flagged and resolved exactly
                        st = row.host
                        norm = math.nan if st["nan"] else math.inf if st["nonfinite"] else st["finite_norm"]
                    if norm != norm:
                        worst = "nan"
                    elif math.isinf(norm) and worst is None:
                        worst = "inf"
                    else:
                        squares += norm * norm
            grad_norm = math.nan if worst == "nan" else math.inf if worst == "inf" else math.sqrt(squares)

        scale = skipped = None
        if s.scale_used_index is not None:
            scale = scalars[s.scale_used_index]
            skipped = (not s.stepped) or (scale_after_index is not None and scalars[scale_after_index] < scale)
        step_row = {
            "step": s.number, "loss": scalars[s.loss] if s.loss is not None else None,
            "grad_norm": grad_norm, "scale": scale, "skipped": bool(skipped), "full": s.full,
            "wall_seconds": time.perf_counter() - s.started,
        }
        self._writer.write_step(step_row, s.learning_rates or [], rows)

    @staticmethod
    def _fetch(vectors, scalars):
        """All device numbers of a step in one transfer per device (one device in practice)."""
        if not vectors and not scalars:
            return [], []
        if len({t.device for t in vectors} | {t.device for t in scalars}) > 1:  # a model split over devices
            values = [v for t in vectors for v in t.tolist()]
            return values, [t.item() for t in scalars]
        parts = list(vectors) + ([torch.stack(scalars)] if scalars else [])
        values = torch.cat(parts).tolist()
        split = len(values) - len(scalars)
        return values[:split], values[split:]

    # Recording

    def _scalar(self, value: torch.Tensor) -> int:
        s = self._step
        busy, self._busy = self._busy, True
        try:
            s.scalars.append(value.detach().reshape(()).to(torch.float64))
        finally:
            self._busy = busy
        return len(s.scalars) - 1

    def _divisor(self):
        """The step's loss scale (a device tensor), or None without an active GradScaler."""
        s = self._step
        if s.scale_used is None:
            scaler = self._active_scaler()
            if scaler is not None and getattr(scaler, "_scale", None) is not None:
                busy, self._busy = self._busy, True
                s.scale_used = scaler._scale.detach().reshape(()).clone()
                self._busy = busy
                s.scale_used_index = self._scalar(s.scale_used)
        return s.scale_used

    def _active_scaler(self):
        scaler = self.scaler
        if scaler is None or not scaler.is_enabled():
            return None
        return scaler

    def _record(self, t, pass_, kind, module_id, call_index, param_id=None, operation=None, operand=None,
                divide=False, watched=True):
        """Adds a row for `t` and returns it (None for a tensor the probe does not record)."""
        if not stats.recordable(t):
            return None
        s = self._step
        row = _Row(pass_, kind, module_id, call_index, param_id, operation, operand, t)
        divisor = self._divisor() if divide else None
        row.divide = divisor is not None
        key = (id(t), row.divide, kind == "param_grad")
        self._busy = True
        try:
            if s.full:
                cached = s.vector_cache.get(key)
                if cached is not None and cached[0]() is t and cached[1] == t._version:
                    row.vector = cached[2]
                else:
                    s.vectors.append(stats.reduce(t, divisor))
                    row.vector = len(s.vectors) - 1
                    s.vector_cache[key] = (weakref.ref(t), t._version, row.vector)
            else:
                # On the host there is no transfer to save: a tensor is checked at once and nothing is kept,
                # but an operand, until its result is checked (`_settle`). On a device the flags wait for
                # the step's one transfer, with a reference to each tensor.
                immediate = t.device.type == "cpu" and self.check_on_host
                if watched:
                    cached = s.flag_cache.get(key)
                    if cached is not None and cached[0]() is t and cached[1] == t._version:
                        row.flag, row.value = cached[2], cached[3]
                    else:
                        flag = torch.linalg.vector_norm(t.detach()) if kind == "param_grad" else stats.flag(t)
                        if immediate:
                            row.value = flag.item()
                        else:
                            row.flag = self._scalar(flag)
                        s.flag_cache[key] = (weakref.ref(t), t._version, row.flag, row.value)
                if not immediate or not watched:
                    row.ref, row.version = t.detach(), t._version
                elif not math.isfinite(row.value):
                    row.host = self._exact(t, divisor)
                    row.written = row.host["nonfinite"] > 0
        finally:
            self._busy = False
        if kind == "param_updated":
            row.ref = t
        s.rows.append(row)
        return row

    def _exact(self, t, divisor):
        """Watch-only statistics of `t` now (no histogram)."""
        busy, self._busy = self._busy, True
        try:
            host = stats.decode(stats.reduce(t, divisor).tolist(), t.numel())
        finally:
            self._busy = busy
        host["hist"] = host["f16_subnormal"] = None
        return host

    def _settle(self, row):
        """A result checked on the host: its operands get statistics when it is non-finite, else are let go."""
        if row is None or row.value is None or row.flag is not None:
            return
        for r in row.related:
            if r.ref is not None and r.host is None:
                if row.written:
                    unchanged = r.ref._version == r.version
                    r.host = self._exact(r.ref, self._step.scale_used if r.divide and unchanged else None)
                    r.written = True
                r.ref = None

    # Hooks

    def _pre_hook(self, module_id):
        def hook(module, args, kwargs):
            s = self._step
            if s is None:
                return None
            call = s.calls.get(module_id, 0)
            s.calls[module_id] = call + 1
            s.module_stack.append((module_id, call))
            x = _first_tensor(args) if args else None
            if x is None and kwargs:
                x = _first_tensor(kwargs)
            if x is not None and stats.recordable(x):
                s_input = self._record(x, "forward", "input", module_id, call, watched=False)
                s.module_stack[-1] = (module_id, call, s_input)
                if x.requires_grad and torch.is_grad_enabled():
                    x.register_hook(self._grad_tensor_hook(module_id, call, "grad_input"))
            return None
        return hook

    def _post_hook(self, module_id):
        def hook(module, args, kwargs, output):
            s = self._step
            if s is None:
                return None
            entry = s.module_stack.pop() if s.module_stack else (module_id, 0)
            call = entry[1]
            input_row = entry[2] if len(entry) > 2 else None
            y = _first_tensor(output)
            if y is None or not stats.recordable(y):
                return None
            row = self._record(y, "forward", "output", module_id, call)
            if row is not None and input_row is not None:
                row.related = (input_row,)
                self._settle(row)
            if y.requires_grad and torch.is_grad_enabled():
                y.register_hook(self._grad_tensor_hook(module_id, call, "grad_output"))
            return None
        return hook

    def _grad_tensor_hook(self, module_id, call, kind):
        def hook(grad):
            s = self._step
            if s is None:
                return None
            if kind == "grad_output":
                depth = self._depth[module_id]
                current = s.backward_module
                if not (current is not None and current[3] == id(grad) and current[2] > depth):
                    s.backward_module = (module_id, call, depth, id(grad))
            self._record(grad, "backward", kind, module_id, call, divide=True)
            return None
        return hook

    def _grad_hook(self, param_id):
        def hook(p):
            s = self._step
            if s is None or p.grad is None:
                return None
            call = s.grad_calls.get(param_id, 0)
            s.grad_calls[param_id] = call + 1
            g = p.grad
            row = self._record(g, "backward", "param_grad", self._param_owner[param_id], call,
                               param_id=param_id, divide=True)
            if row is None:
                return None
            s.last_grad[param_id] = row
            return None
        return hook

    def _optimizer_pre_hook(self, optimizer, args, kwargs):
        if self._step is not None:
            self._step.in_update = True

    def _optimizer_post_hook(self, optimizer, args, kwargs):
        s = self._step
        if s is None:
            return
        s.in_update = False
        s.stepped = True
        s.learning_rates = [float(g["lr"]) for g in optimizer.param_groups]
        for group in optimizer.param_groups:
            for p in group["params"]:
                pid = self._param_ids.get(id(p))
                if pid is not None:
                    self._record(p, "update", "param_updated", self._param_owner[pid], 0, param_id=pid)

    # Operations (ops=True)

    def _current_place(self):
        """(pass, module id, call index) of the operation running now."""
        s = self._step
        if s.in_update:
            return "update", None, 0
        if torch._C._current_autograd_node() is not None:
            if s.backward_module is not None:
                return "backward", s.backward_module[0], s.backward_module[1]
            return "backward", None, 0
        if s.module_stack:
            return "forward", s.module_stack[-1][0], s.module_stack[-1][1]
        return "forward", None, 0


class _StepContext:
    def __init__(self, probe: Probe):
        self.probe = probe

    def __enter__(self):
        self.probe._begin_step()
        return self.probe

    def __exit__(self, *exc):
        self.probe._end_step()
        return False
