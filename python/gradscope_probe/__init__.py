"""gradscope-probe: records a PyTorch training run into a Gradscope trace (SQLite).

    import gradscope_probe as gp

    with gp.Probe(model, "run.gstrace", optimizer=opt) as probe:
        for x, y in batches:
            with probe.step():
                loss = loss_fn(model(x), y)
                probe.loss(loss)
                loss.backward()
                opt.step(); opt.zero_grad()

Read the trace with `gradscope inspect run.gstrace`, or with sqlite3/pandas
(schema: docs/trace-schema.md).
"""
__version__ = "0.1.0"

from .probe import Probe  # noqa: E402
from .trace import SCHEMA_VERSION  # noqa: E402

__all__ = ["Probe", "SCHEMA_VERSION", "__version__"]
