"""PyTorch 2.13's eager float32/float64 → float8 casts, recorded against the ml_dtypes tables.

The README's "Narrow formats" section says how PyTorch's casts differ from the OCP rule that
Gradscope (and ml_dtypes) follow; these tests keep that statement true. The expected values
are the committed tables that scripts/gen_format_reference.py writes with ml_dtypes, so the
tests need only torch:

- float32 → float8_e4m3fn: PyTorch saturates. Every row equals the table's `saturate` mode
  (±Inf and every finite value past 464 become ±448; NaN stays NaN), not the OCP
  `nonfinite` mode (NaN past 464).
- float32 → float8_e5m2: PyTorch follows the OCP rule (±Inf past 61440), but writes NaN as
  0x7F/0xFF where ml_dtypes writes 0x7E/0xFE (both are NaN).
- float64 → float8: PyTorch rounds to float32 first, so a float64 just above a tie can round
  down (round twice); ml_dtypes and Gradscope round once.
"""
import csv
import pathlib

import numpy as np
import pytest

torch = pytest.importorskip("torch")

TABLES = pathlib.Path(__file__).resolve().parents[2] / "Tests/GradscopeCoreTests/Resources/formats"
FORMATS = {"float8_e4m3fn": torch.float8_e4m3fn, "float8_e5m2": torch.float8_e5m2}


def rows(name, source, mode):
    with open(TABLES / f"{name}_casts.csv") as table:
        return [r for r in csv.DictReader(table) if r["source"] == source and r["mode"] == mode]


def inputs(table, source):
    numpy_type, unsigned = {"float32": (np.float32, np.uint32), "float64": (np.float64, np.uint64)}[source]
    bits = np.array([int(r["input_bits"], 16) for r in table], dtype=unsigned)
    return torch.from_numpy(bits.view(numpy_type).copy())


def torch_bits(values, name):
    return [f"{b:02x}" for b in values.to(FORMATS[name]).view(torch.uint8).tolist()]


def test_torch_version_is_the_one_documented():
    assert torch.__version__.startswith("2.13.0")


def test_float32_to_e4m3fn_saturates_on_every_row():
    table = rows("float8_e4m3fn", "float32", "saturate")
    assert len(table) == 1552
    assert torch_bits(inputs(table, "float32"), "float8_e4m3fn") == [r["expected_bits"] for r in table]


def test_float32_to_e4m3fn_differs_from_ocp_only_past_the_largest_value():
    table = rows("float8_e4m3fn", "float32", "nonfinite")
    values = inputs(table, "float32")
    got = torch_bits(values, "float8_e4m3fn")
    differing = [(float(v), r["expected_bits"], g) for v, r, g in zip(values.tolist(), table, got) if g != r["expected_bits"]]
    # Exactly the inputs the OCP rule sends to NaN: |x| > 464 and ±Inf; PyTorch gives ±448.
    assert len(differing) == 24
    for value, expected, got_bits in differing:
        assert abs(value) > 464
        assert expected in ("7f", "ff")
        assert got_bits == ("7e" if value > 0 else "fe")
    assert torch.tensor([float("inf"), -float("inf"), 465.0]).to(torch.float8_e4m3fn).float().tolist() == [448.0, -448.0, 448.0]


def test_float32_to_e5m2_is_ocp_but_spells_nan_0x7f():
    table = rows("float8_e5m2", "float32", "nonfinite")
    values = inputs(table, "float32")
    got = torch_bits(values, "float8_e5m2")
    for value, r, g in zip(values.tolist(), table, got):
        if value != value:
            assert (r["expected_bits"], g) in (("7e", "7f"), ("fe", "ff"))
        else:
            assert g == r["expected_bits"], value
    assert torch.tensor([61440.0, 61439.0]).to(torch.float8_e5m2).float().tolist() == [float("inf"), 57344.0]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_float64_is_rounded_through_float32(name):
    table = rows(name, "float64", "nonfinite")
    values = inputs(table, "float64")
    assert torch_bits(values, name) == torch_bits(values.to(torch.float32), name)


def test_float64_double_rounding_example():
    # 1.0625 × (1 + 2^-30) lies just above the tie between 1 and 1.125 in e4m3fn.
    x = 1.0625 * (1 + 2.0**-30)
    table = {r["input_bits"]: r["expected_bits"] for r in rows("float8_e4m3fn", "float64", "nonfinite")}
    assert table[np.array([x]).view(np.uint64)[0].item().to_bytes(8, "big").hex()] == "39"  # ml_dtypes: 1.125
    assert torch.tensor([x], dtype=torch.float64).to(torch.float8_e4m3fn).float().item() == 1.0
