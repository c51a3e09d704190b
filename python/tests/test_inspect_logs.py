"""`gradscope inspect` on what users already have (a Trainer's trainer_state.json with bare NaN tokens,
TensorBoard files written by the real `tensorboard` package and by torch's SummaryWriter), on hostile
event files, and on a trace still being written (`--follow` in a second process)."""
import json
import math
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("GRADSCOPE_BIN", str(ROOT / ".build" / "debug" / "gradscope"))
pytestmark = pytest.mark.skipif(not os.path.exists(BIN), reason=f"build gradscope first ({BIN})")


def inspect(*args):
    return subprocess.run([BIN, "inspect", *map(str, args)], capture_output=True, text=True, timeout=120)


def test_trainer_state_with_nan_tokens(tmp_path):
    state = {"global_step": 40, "log_history": [
        {"epoch": 0.1, "grad_norm": 1.5, "learning_rate": 5e-5, "loss": 2.0, "step": 10},
        {"epoch": 0.2, "grad_norm": 2.5, "learning_rate": 4e-5, "loss": 1.5, "step": 20},
        {"epoch": 0.3, "grad_norm": math.inf, "learning_rate": 3e-5, "loss": math.nan, "step": 30},
        {"eval_loss": 1.2, "step": 30},
        {"epoch": 0.4, "grad_norm": math.nan, "learning_rate": 2e-5, "loss": math.nan, "step": 40}]}
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps(state))            # Python's json writes bare NaN and Infinity
    assert "NaN" in path.read_text() and "Infinity" in path.read_text()
    result = inspect(path, "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["kind"] == "trainer-state"
    assert [s["step"] for s in doc["steps"]] == [10, 20, 30, 40]
    assert [s["loss"] for s in doc["steps"]] == [2.0, 1.5, "NaN", "NaN"]
    assert [s["gradNorm"] for s in doc["steps"]] == [1.5, 2.5, "Infinity", "NaN"]
    first = doc["firstNonFinite"]
    # Step 30 is the first with a non-finite loss; a log cannot say which module.
    assert (first["step"], first["pass"], first["value"], first["module"]) == (30, "loss", "NaN", None)
    assert doc["remedies"][0]["kind"] == "clip-norm"
    assert doc["remedies"][0]["value"] == 2.0      # the median of the finite norms before step 30: (1.5 + 2.5) / 2


def scalars_expected():
    return [(1, 0.5, 1.0), (2, 0.25, 2.0), (3, float("nan"), float("inf"))]


def check_tensorboard_doc(doc):
    steps = doc["steps"]
    assert [s["step"] for s in steps] == [1, 2, 3]
    assert [s["loss"] for s in steps] == [0.5, 0.25, "NaN"]
    assert [s["gradNorm"] for s in steps] == [1.0, 2.0, "Infinity"]
    assert doc["firstNonFinite"]["step"] == 3 and doc["firstNonFinite"]["value"] == "NaN"


def test_tensorboard_from_torch_summary_writer(tmp_path):
    from torch.utils.tensorboard import SummaryWriter   # simple_value scalars
    writer = SummaryWriter(log_dir=str(tmp_path))
    for step, loss, norm in scalars_expected():
        writer.add_scalar("train/loss", loss, step)
        writer.add_scalar("train/grad_norm", norm, step)
    writer.close()
    result = inspect(tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["tags"] == {"loss": "train/loss", "gradNorm": "train/grad_norm"}
    check_tensorboard_doc(doc)


def test_tensorboard_tf2_tensor_summaries_from_the_tensorboard_package(tmp_path):
    # TF2's tf.summary.scalar writes a scalar TensorProto (tensor_content) with the scalars plugin's metadata.
    from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, types_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter
    import numpy as np
    writer = EventFileWriter(str(tmp_path))
    for step, loss, norm in scalars_expected():
        values = []
        for tag, v in (("loss", loss), ("grad_norm", norm)):
            tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, tensor_content=np.float32(v).tobytes())
            meta = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
            values.append(summary_pb2.Summary.Value(tag=tag, tensor=tensor, metadata=meta))
        writer.add_event(event_pb2.Event(step=step, wall_time=1.0, summary=summary_pb2.Summary(value=values)))
    writer.close()
    result = inspect(tmp_path, "--format", "json", "--tag", "grad-norm=grad_norm")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["tags"] == {"loss": "loss", "gradNorm": "grad_norm"}
    check_tensorboard_doc(doc)


def test_tensorboard_checksum_and_truncation_are_one_line_errors(tmp_path):
    from torch.utils.tensorboard import SummaryWriter
    writer = SummaryWriter(log_dir=str(tmp_path / "run"))
    writer.add_scalar("loss", 1.0, 1)
    writer.close()
    event = next((tmp_path / "run").iterdir())
    data = bytearray(event.read_bytes())
    bad = tmp_path / "events.out.tfevents.bad"
    data[-6] ^= 0xFF                                # a byte of the last record's payload
    bad.write_bytes(bytes(data))
    result = inspect(bad)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "checksum does not match" in result.stderr
    cut = tmp_path / "events.out.tfevents.cut"
    cut.write_bytes(event.read_bytes()[:-3])
    result = inspect(cut)
    assert result.returncode == 1 and "runs past the end" in result.stderr
    assert inspect(tmp_path / "run", "--tag", "loss=nope").stderr.count("has no scalar tag 'nope'") == 1


def test_follow_reads_a_trace_while_the_probe_writes_it(tmp_path):
    path = tmp_path / "live.gstrace"
    writer_code = f"""
import sys, time, torch
sys.path.insert(0, {str(ROOT / 'python' / 'scenarios')!r})
import gradscope_probe as gp
from torch import nn
model = nn.Sequential(nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
x, y = torch.randn(8, 4, generator=torch.Generator().manual_seed(0)), torch.zeros(8, 1)
with gp.Probe(model, {str(path)!r}, optimizer=opt) as probe:
    for _ in range(6):
        with probe.step():
            loss = ((model(x) - y) ** 2).mean(); probe.loss(loss); loss.backward(); opt.step(); opt.zero_grad()
        time.sleep(0.6)
"""
    follower = subprocess.Popen([BIN, "inspect", str(path), "--follow", "--format", "json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        writer = subprocess.run([sys.executable, "-c", writer_code], timeout=120, capture_output=True, text=True)
        assert writer.returncode == 0, writer.stderr
        time.sleep(2.5)                              # one more refresh after the last step
    finally:
        follower.send_signal(signal.SIGINT)          # Ctrl-C
        out, err = follower.communicate(timeout=30)
    assert follower.returncode == 130
    docs = []
    for part in out.replace("}\n{", "}\n\x00{").split("\x00"):
        if part.strip():
            docs.append(json.loads(part))
    assert len(docs) >= 2                            # refreshed while the probe wrote
    assert [s["step"] for s in docs[-1]["steps"]] == [1, 2, 3, 4, 5, 6]
    assert all(len(a["steps"]) <= len(b["steps"]) for a, b in zip(docs, docs[1:]))
    assert "Stopped following" in err
