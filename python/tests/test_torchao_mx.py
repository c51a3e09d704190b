"""torchao's MX casts and PyTorch's per-tensor float8 casts, regenerated and compared with the
committed reference (Tests/GradscopeCoreTests/Resources/mx_reference.json).

The Swift suite NarrowFormatTorchaoTests compares Gradscope with that file; this test keeps the
file (and the README's statements about torchao's departures from OCP MX v1.0) true for the
installed torchao. Skipped when torchao is not installed; a different torchao version is
compared all the same, and a change names the first differing record.
"""
import importlib.util
import json
import pathlib
import sys

import pytest

pytest.importorskip("torch")
if importlib.util.find_spec("torchao") is None:
    pytest.skip("torchao is not installed (pip install torchao==0.18.0)", allow_module_level=True)

ROOT = pathlib.Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "Tests/GradscopeCoreTests/Resources/mx_reference.json"
sys.path.insert(0, str(ROOT / "scripts"))

import gen_mx_reference  # noqa: E402


@pytest.fixture(scope="module")
def committed():
    return json.loads(REFERENCE.read_text())


@pytest.fixture(scope="module")
def regenerated():
    return gen_mx_reference.generate()


@pytest.mark.parametrize("kind", ["mx", "scaleModes", "current"])
def test_records_match(committed, regenerated, kind):
    old, new = committed[kind], regenerated[kind]
    assert len(new) == len(old)
    for a, b in zip(old, new):
        assert a == b, f"{kind} {a['case']} {a['format']}: torchao {regenerated['torchao']} gives other values"


def test_floor_is_the_ocp_rule(committed):
    """FLOOR: the scale byte is floor(log2 amax) - emax_elem + 127 for a finite, normal amax."""
    import math
    import struct

    emax = {"float8_e4m3fn": 8, "float8_e5m2": 15, "float6_e3m2fn": 4, "float6_e2m3fn": 2, "float4_e2m1fn": 2}
    checked = 0
    for r in committed["mx"]:
        values = [struct.unpack("<f", struct.pack("<I", int(h, 16)))[0] for h in r["inputs"]]
        for b, byte in enumerate(r["scales"]):
            block = values[b * 32:(b + 1) * 32]
            amax = max(abs(v) for v in block)
            if not any(map(math.isnan, block)) and math.isfinite(amax) and amax >= 2.0**-126:
                assert byte == max(-127, min(127, math.frexp(amax)[1] - 1 - emax[r["format"]])) + 127
                checked += 1
    assert checked == 12 * 5  # 17 blocks a format; not: zeros, float32 subnormals, NaN, +Inf, -Inf
