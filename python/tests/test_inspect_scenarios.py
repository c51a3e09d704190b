"""The six real-PyTorch scenarios of issue 12, each run through the probe and then `gradscope inspect
--format json` (the binary from $GRADSCOPE_BIN, default .build/debug/gradscope); each asserts the one
outcome its seed gives, with the reason in a comment."""
import importlib
import json
import math
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "scenarios"))
BIN = os.environ.get("GRADSCOPE_BIN", str(ROOT / ".build" / "debug" / "gradscope"))

pytestmark = pytest.mark.skipif(not os.path.exists(BIN), reason=f"build gradscope first ({BIN})")


def inspect(path) -> dict:
    result = subprocess.run([BIN, "inspect", str(path), "--format", "json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def scenario_report(module: str, tmp_path) -> dict:
    """Runs the scenario `python/scenarios/<module>.py` into a trace and returns its `inspect --format json`."""
    path = tmp_path / f"{module}.gstrace"
    importlib.import_module(module).run(str(path))
    return inspect(path)


def test_scenario_1_the_posts_chain_agrees_with_the_autopsy(tmp_path):
    import s1_post_chain as s1
    doc = scenario_report("s1_post_chain", tmp_path)
    first = doc["firstNonFinite"]
    # At x = 0 every layer stays at 0, so each layer multiplies ∂L/∂y by w·tanh'(0) = 8. ∂L/∂a_6 reaches
    # -1.3e38 and layer 6's ∂L/∂input = ∂L/∂a_6 · w_6 = -1.04e39 overflows float32 in step 1's backward:
    # the autopsy's "First Inf: step 1, backward, layer 6" (layer 6's Linear is layers.10).
    assert (first["step"], first["pass"], first["module"], first["moduleType"], first["callIndex"]) == \
        (1, "backward", s1.linear_name(6), "Linear", 0)
    assert first["operation"] is None          # ops=False: no ATen operation recorded
    assert first["value"] == "-Infinity"
    assert first["cause"]["kind"] == "overflow"
    assert "2^1.61 above" in first["cause"]["text"]   # log2(1.04e39 / 3.4e38) = 1.61, as the autopsy's 1.04e39
    nan = doc["firstNaN"]
    # Layer 5's weight gradient is Σ ∂L/∂a_5 · y_4 over the batch; at x = 0, ∂L/∂a_5 = -Inf and y_4 = 0:
    # -Inf × 0 = NaN, the autopsy's "First NaN: step 1, backward, layer 5: ∂L/∂w_5 … Cause: -Inf × 0".
    assert (nan["step"], nan["pass"], nan["module"], nan["operation"]) == (1, "backward", s1.linear_name(5), f"∂L/∂{s1.linear_name(5)}.weight")
    assert nan["causeKind"] == "zero-times-inf"
    assert nan["result"] == "NaN"
    # The update then makes every parameter of layers 1–5 non-finite (w NaN, b ±Inf) and step 2's loss is NaN.
    assert doc["firstNonFiniteLossStep"] == 2
    assert doc["laterSteps"][0]["cause"]["kind"] == "nonfinite-parameter"


def test_scenario_2_log_of_a_softmax_zero(tmp_path):
    first = scenario_report("s2_log_softmax", tmp_path)["firstNonFinite"]
    # Logits 100 and -100 apart: softmax's third class is e^-200 < 2^-149, exactly 0 in float32, and
    # torch.log(0) = -Inf, written outside any module; the probe files code before probe.loss() under forward.
    assert (first["step"], first["pass"], first["module"], first["operation"], first["value"]) == \
        (1, "forward", None, "aten::log", "-Infinity")
    assert first["cause"]["kind"] == "log-of-zero"


def test_scenario_3_layer_norm_without_epsilon(tmp_path):
    first = scenario_report("s3_layernorm_eps0", tmp_path)["firstNonFinite"]
    # The constant row has x − m = 0 and v = 0: (x − m) / sqrt(v) = 0 / 0 = NaN in the module `norm`.
    assert (first["step"], first["pass"], first["module"], first["moduleType"], first["operation"], first["value"]) == \
        (1, "forward", "norm", "HandNorm", "aten::div", "NaN")
    assert first["cause"]["kind"] == "division-by-zero"
    assert first["cause"]["text"].startswith("0 / 0")


def test_scenario_4_autocast_cast_overflow_and_skipped_steps(tmp_path):
    doc = scenario_report("s4_autocast_fp16", tmp_path)
    first = doc["firstNonFinite"]
    # Autocast casts the float32 input 1e5 to float16 for the first Linear: 1e5 > 65504 → +Inf.
    assert (first["step"], first["pass"], first["module"], first["moduleType"], first["operation"], first["value"]) == \
        (1, "forward", "0", "Linear", "aten::_to_copy", "Infinity")
    assert first["cause"]["kind"] == "cast-overflow"
    assert "float32 to float16" in first["cause"]["text"]
    # Every step's gradients are non-finite, so the scaler skips all three and halves its scale each time.
    assert doc["skippedSteps"] == [1, 2, 3]
    assert [s["scale"] for s in doc["steps"]] == [65536.0, 32768.0, 16384.0]


def test_scenario_5_rnn_update_then_nonfinite_parameter(tmp_path):
    doc = scenario_report("s5_rnn_update", tmp_path)
    first = doc["firstNonFinite"]
    # ∂L/∂bias ≈ 3^30 ≈ 2.06e14 is finite; bias − 1e25 · 2.06e14 ≈ -2e39 overflows float32 in step 1's update.
    assert (first["step"], first["pass"], first["module"], first["moduleType"], first["value"]) == \
        (1, "update", "rnn", "RNN", "Infinity")
    assert first["cause"]["kind"] == "overflow"
    # Step 2 starts from that Inf bias: nonfinite-parameter, naming step 1's update.
    later = doc["laterSteps"][0]
    assert (later["step"], later["pass"], later["module"]) == (2, "forward", "rnn")
    assert later["cause"]["kind"] == "nonfinite-parameter"
    assert "step 1's update made it so" in later["cause"]["text"]
    assert {p["name"] for p in doc["parametersGoneNonFinite"] if p["step"] == 1} == {"rnn.bias_ih_l0", "rnn.bias_hh_l0"}


def test_scenario_6_a_finite_run_still_reports_headroom_and_remedies(tmp_path):
    doc = scenario_report("s6_finite", tmp_path)
    assert doc["firstNonFinite"] is None and doc["firstInfinity"] is None and doc["firstNaN"] is None
    assert [m["name"] for m in doc["modules"]] == ["0", "1", "2", "3", "4"]   # leaf modules in forward order
    for m in doc["modules"]:
        assert [h["format"] for h in m["headroom"]] == ["float16", "bfloat16", "float8_e4m3fn", "float8_e5m2"]
        f16 = m["headroom"][0]["activation"]
        # powers of two below float16's 65504 = log2(65504 / max|x|), from the recorded max |x|
        assert f16["belowMaximum"] == pytest.approx(math.log2(65504 / m["activationAbsMax"]), abs=1e-9)
    kinds = [r["kind"] for r in doc["remedies"]]
    assert kinds[:2] == ["clip-norm", "loss-scale"]
    norms = sorted(s["gradNorm"] for s in doc["steps"])
    # The clipping threshold is the median of the 8 finite gradient norms.
    assert doc["remedies"][0]["value"] == pytest.approx((norms[3] + norms[4]) / 2, rel=1e-12)
    scale = doc["lossScale"]
    assert scale["lowestExponent"] <= scale["highestExponent"]
    # The highest scale keeps the largest gradient within 65504, and doubling it would not.
    assert scale["largestGradient"] * 2.0 ** scale["highestExponent"] <= 65504 < scale["largestGradient"] * 2.0 ** (scale["highestExponent"] + 1)
