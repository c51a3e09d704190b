"""The probe's tensor statistics against an element-by-element Python oracle (math.frexp)."""
import math

import pytest
import torch

from gradscope_probe import stats
from probe_support import oracle

INF, NAN = math.inf, math.nan
EDGES = [0.0, -0.0, 1.0, -1.0, 0.75, 1.5, 2.0 ** -14, 2.0 ** -15, 2.0 ** -24, 2.0 ** -126, 2.0 ** -127,
         2.0 ** -149, -(2.0 ** -140), 3.4e38, -65504.0, 65520.0, INF, -INF, NAN, 1e-40, -2.5e-45]


def decoded(t):
    d = stats.decode(stats.reduce(t).tolist(), t.numel())
    d["hist"] = list(__import__("struct").unpack("<325q", d["hist"]))
    return d


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.bfloat16])
def test_edge_values_match_the_oracle(dtype):
    t = torch.tensor(EDGES, dtype=torch.float64).to(dtype)
    got, want = decoded(t), oracle(t)
    for key in ("n", "nan", "pos_inf", "neg_inf", "zeros", "absmax", "absmin", "f16_subnormal", "hist"):
        assert got[key] == want[key], (dtype, key, got[key], want[key])
    assert math.isclose(got["mean"], want["mean"], rel_tol=1e-12)
    assert math.isclose(got["rms"], want["rms"], rel_tol=1e-12)


def test_float32_edge_values_in_detail():
    t = torch.tensor(EDGES, dtype=torch.float32)
    got = decoded(t)
    # NaN 1, +Inf 1 (and 65520 is finite in float32), -Inf 1; zeros 0.0 and -0.0.
    assert (got["nan"], got["pos_inf"], got["neg_inf"], got["zeros"]) == (1, 1, 1, 2)
    assert got["absmax"] == float(torch.tensor(3.4e38, dtype=torch.float32))
    assert got["absmin"] == 2.0 ** -149
    assert got["hist"][0] == 2 and got["hist"][1] == 3
    # Subnormals: 2^-149; -2.5e-45 rounds to -2^-148 in float32; -2^-140; 1e-40 has exponent -133.
    assert [got["hist"][3 + e + 160] for e in (-149, -148, -140, -133)] == [1, 1, 1, 1]
    assert got["hist"][3 + 127 + 160] == 1  # 3.4e38


def test_float64_exponents_beyond_the_histogram():
    t = torch.tensor([1e-300, 2.0 ** -161, 2.0 ** -160, 2.0 ** 160, 2.0 ** 161, 1e300], dtype=torch.float64)
    got = decoded(t)
    assert got["hist"][2] == 2 and got["hist"][324] == 2
    assert got["hist"][3] == 1 and got["hist"][323] == 1
    assert got["hist"] == oracle(t)["hist"]


@pytest.mark.parametrize("seed", range(4))
def test_random_tensors_match_the_oracle(seed):
    g = torch.Generator().manual_seed(seed)
    t = torch.randn(3000, generator=g) * torch.exp2(torch.randint(-150, 128, (3000,), generator=g).float())
    t[::97] = 0.0
    t[5] = NAN
    t[7] = -INF
    got, want = decoded(t), oracle(t)
    for key in ("n", "nan", "pos_inf", "neg_inf", "zeros", "absmax", "absmin", "f16_subnormal", "hist"):
        assert got[key] == want[key], (seed, key)
    assert math.isclose(got["rms"], want["rms"], rel_tol=1e-12)
    assert abs(got["mean"] - want["mean"]) <= 1e-12 * want["rms"]


def test_no_finite_values_and_empty_tensors():
    got = decoded(torch.tensor([NAN, INF]))
    assert (got["absmax"], got["absmin"], got["mean"], got["rms"]) == (0.0, None, None, None)
    got = decoded(torch.tensor([0.0, -0.0]))
    assert (got["absmax"], got["absmin"], got["mean"], got["rms"], got["zeros"]) == (0.0, None, 0.0, 0.0, 2)
    got = decoded(torch.empty(0))
    assert (got["n"], got["absmax"], got["absmin"], got["mean"], got["hist"]) == (0, 0.0, None, None, [0] * 325)


def test_a_divisor_unscales_exactly():
    t = torch.tensor([65536.0, -3 * 65536.0, 2.0 ** -130, 0.0])
    got = stats.decode(stats.reduce(t, torch.tensor(65536.0)).tolist(), 4)
    assert (got["absmax"], got["absmin"], got["mean"]) == (3.0, 2.0 ** -146, -0.5)


@pytest.mark.parametrize("seed", range(3))
def test_the_cpu_fast_path_agrees_with_the_general_path_and_the_oracle(seed):
    """Finite tensors without subnormals take the CPU's short path; compare it with the oracle and with
    the branch-free path that a GPU runs."""
    g = torch.Generator().manual_seed(seed)
    t = torch.randn(5000, generator=g) * torch.exp2(torch.randint(-120, 120, (5000,), generator=g).float())
    t[::13] = 0.0
    fast = stats.decode(stats._reduce_float32_on_host(t).tolist(), t.numel())
    general = stats.decode(stats._reduce_float32(t).tolist(), t.numel())
    assert fast == general
    want = oracle(t)
    d = decoded(t)
    for key in ("n", "nan", "pos_inf", "neg_inf", "zeros", "absmax", "absmin", "f16_subnormal", "hist"):
        assert d[key] == want[key], (seed, key)
    assert math.isclose(d["rms"], want["rms"], rel_tol=1e-12)
