"""The trace file: a SIGKILLed writer keeps every committed step; overwriting is refused unless asked."""
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
import torch
import torch.nn as nn

import gradscope_probe as gp
from probe_support import query

WRITER = textwrap.dedent("""
    import sys, time, torch, torch.nn as nn
    import gradscope_probe as gp
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(32, 8), torch.randn(32, 1)
    with gp.Probe(model, sys.argv[1], optimizer=opt) as probe:
        for step in range(1, 100):
            with probe.step():
                loss = nn.functional.mse_loss(model(x), y)
                probe.loss(loss)
                loss.backward()
                if step == 4:
                    print("inside", step, flush=True)
                    time.sleep(120)        # killed here, in the middle of step 4
                opt.step()
                opt.zero_grad()
            print("committed", step, flush=True)
""")


def test_a_sigkilled_writer_keeps_every_committed_step(tmp_path):
    path = tmp_path / "killed.gstrace"
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True,
                             env=env)
    try:
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.startswith("inside"):
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert lines == ["committed 1", "committed 2", "committed 3", "inside 4"]
    assert child.returncode == -signal.SIGKILL
    assert os.path.exists(str(path) + "-wal")  # the log of the killed writer, not yet checkpointed
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT step FROM steps ORDER BY step").fetchall() == [(1,), (2,), (3,)]
        # Each committed step is whole: 4 parameters + 3 modules' input/output rows, the loss,
        # gradients and the updated parameters; step 4's rows are gone.
        counts = db.execute("SELECT step, COUNT(*) FROM stats GROUP BY step ORDER BY step").fetchall()
        assert [s for s, _ in counts] == [1, 2, 3] and len({c for _, c in counts}) == 1
        assert db.execute("SELECT COUNT(*) FROM learning_rates").fetchall() == [(3,)]
    finally:
        db.close()


def test_an_existing_trace_is_refused_unless_overwrite(tmp_path):
    path = tmp_path / "run.gstrace"
    path.write_bytes(b"not mine")
    model = nn.Linear(1, 1)
    with pytest.raises(FileExistsError, match="already exists; choose a new path or pass overwrite=True"):
        gp.Probe(model, path)
    assert path.read_bytes() == b"not mine"
    with gp.Probe(model, path, overwrite=True) as probe:
        with probe.step():
            model(torch.ones(1, 1))
    assert query(path, "SELECT value FROM meta WHERE key = 'schema_version'") == [("1",)]
    assert query(path, "SELECT step FROM steps") == [(1,)]


def test_bad_arguments_are_refused(tmp_path):
    model = nn.Linear(1, 1)
    for every in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="every must be an integer of at least 1"):
            gp.Probe(model, tmp_path / "x.gstrace", every=every)
    assert not (tmp_path / "x.gstrace").exists()
    with pytest.raises(FileNotFoundError):
        gp.Probe(model, tmp_path / "missing-folder" / "x.gstrace")
