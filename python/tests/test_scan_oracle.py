"""`gradscope scan --format json` against numpy: exact counts, sums to 1e-9 (relative to sqrt(n * sumsq)).

The checkpoints are written by hand (every dtype, keys out of order), by the `safetensors` package from
numpy arrays and from PyTorch tensors, and by numpy's save / savez / savez_compressed (Fortran order,
format versions 2 and 3, Zip64 members), plus a sharded set with its index. GRADSCOPE_BIN names the binary.
"""
import json
import math
import os
import subprocess

import numpy as np
import pytest

from scan_fixtures import bf16_from_f32, bf16_values, f8_values, planted, stats, write_safetensors

pytestmark = pytest.mark.filterwarnings("ignore:overflow encountered in cast")

BIN = os.environ.get("GRADSCOPE_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "gradscope"))


def scan(*args):
    out = subprocess.run([BIN, "scan", *map(str, args), "--format", "json"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["tensors"]


def assert_agrees(got, want, name):
    for key in ("n", "nan", "posInf", "negInf", "zeros", "formats"):
        assert got[key] == want[key], f"{name}: {key} {got[key]} != {want[key]}"
    assert got["absmax"] == want["absmax"], name
    assert got.get("absminNonzero") == want["absminNonzero"], name
    scale = math.sqrt(max(want["n"], 1) * want["sumsq"]) or 1.0
    assert abs(got["sum"] - want["sum"]) <= 1e-9 * scale, name
    assert abs(got["sumsq"] - want["sumsq"]) <= 1e-9 * max(want["sumsq"], 1e-300), name


@pytest.fixture(scope="module")
def rng():
    return np.random.default_rng(20261207)


def test_every_dtype_hand_written(tmp_path, rng):
    x = planted(rng, (37, 29))
    codes = np.arange(256, dtype=np.uint8).repeat(3)
    tensors = {
        "a.f64": ("F64", x.shape, x.astype("<f8").tobytes()),
        "b.f32": ("F32", x.shape, x.astype("<f4").tobytes()),
        "c.f16": ("F16", x.shape, x.astype("<f2").tobytes()),
        "d.bf16": ("BF16", x.shape, bf16_from_f32(x.astype(np.float32)).astype("<u2").tobytes()),
        "e.e4m3": ("F8_E4M3", codes.shape, codes.tobytes()),
        "f.e5m2": ("F8_E5M2", codes.shape, codes.tobytes()),
        "g.int": ("I32", (5,), np.arange(5, dtype="<i4").tobytes()),
    }
    path = tmp_path / "all.safetensors"
    write_safetensors(path, tensors)
    with np.errstate(over="ignore"):
        want = {
            "a.f64": stats(x), "b.f32": stats(x.astype(np.float32)), "c.f16": stats(x.astype(np.float16)),
            "d.bf16": stats(bf16_values(bf16_from_f32(x.astype(np.float32)))),
            "e.e4m3": stats(f8_values(codes, "F8_E4M3")), "f.e5m2": stats(f8_values(codes, "F8_E5M2")),
        }
    got = scan(path)
    assert [t["name"] for t in got] == list(tensors)
    for t in got:
        if t["name"] == "g.int":
            assert t == {"name": "g.int", "dtype": "I32", "shape": [5]}
        else:
            assert t["dtype"] == tensors[t["name"]][0]
            assert_agrees(t, want[t["name"]], t["name"])


def test_files_from_the_safetensors_package_numpy_and_torch(tmp_path, rng):
    from safetensors.numpy import save_file
    x = planted(rng, (64, 48))
    arrays = {"w32": x.astype(np.float32), "w16": x.astype(np.float16), "w64": x}
    save_file(arrays, tmp_path / "np.safetensors")
    got = {t["name"]: t for t in scan(tmp_path / "np.safetensors")}
    for k, v in arrays.items():
        assert_agrees(got[k], stats(v), k)

    torch = pytest.importorskip("torch")
    from safetensors.torch import save_file as save_torch
    t = {"bf": torch.from_numpy(x.astype(np.float32)).to(torch.bfloat16), "h": torch.from_numpy(x.astype(np.float32)).half()}
    save_torch(t, tmp_path / "pt.safetensors")
    got = {g["name"]: g for g in scan(tmp_path / "pt.safetensors")}
    assert_agrees(got["bf"], stats(t["bf"].float().numpy()), "bf")
    assert_agrees(got["h"], stats(t["h"].float().numpy()), "h")


def test_npy_fortran_order_and_format_versions(tmp_path, rng):
    x = planted(rng, (31, 17)).astype(np.float32)
    np.save(tmp_path / "fortran.npy", np.asfortranarray(x))
    for version in ((2, 0), (3, 0)):
        with open(tmp_path / f"v{version[0]}.npy", "wb") as fh:
            np.lib.format.write_array(fh, x.astype(np.float16), version=version)
    got = scan(tmp_path / "fortran.npy")
    assert got[0]["name"] == "fortran" and got[0]["shape"] == [31, 17]
    assert_agrees(got[0], stats(x), "fortran")
    for v in (2, 3):
        assert_agrees(scan(tmp_path / f"v{v}.npy")[0], stats(x.astype(np.float16)), f"v{v}")


@pytest.mark.parametrize("save", ["savez", "savez_compressed"])
def test_npz_stored_and_deflated(tmp_path, rng, save):
    arrays = {"first": planted(rng, (300, 200)), "second": planted(rng, (1000,)).astype(np.float32),
              "third": np.asfortranarray(planted(rng, (40, 30)).astype(np.float16))}
    getattr(np, save)(tmp_path / "a.npz", **arrays)
    got = {t["name"]: t for t in scan(tmp_path / "a.npz")}
    assert sorted(got) == sorted(arrays)
    for k, v in arrays.items():
        assert_agrees(got[k], stats(v), k)


def test_sharded_set_with_its_index(tmp_path, rng):
    from safetensors.numpy import save_file
    a, b, c = (planted(rng, (20, 10)).astype(np.float32) for _ in range(3))
    save_file({"layers.0.w": a, "layers.1.w": b}, tmp_path / "model-00001-of-00002.safetensors")
    save_file({"layers.2.w": c}, tmp_path / "model-00002-of-00002.safetensors")
    index = {"metadata": {"total_size": 0}, "weight_map": {
        "layers.0.w": "model-00001-of-00002.safetensors", "layers.1.w": "model-00001-of-00002.safetensors",
        "layers.2.w": "model-00002-of-00002.safetensors"}}
    (tmp_path / "model.safetensors.index.json").write_text(json.dumps(index))
    for path in (tmp_path / "model.safetensors.index.json", tmp_path):
        got = scan(path)
        assert [t["name"] for t in got] == ["layers.0.w", "layers.1.w", "layers.2.w"]
        for t, v in zip(got, (a, b, c)):
            assert_agrees(t, stats(v), t["name"])


def test_f8_tables_match_ml_dtypes(tmp_path):
    """Every code of both FP8 formats decodes as ml_dtypes does: one tensor per code."""
    tensors = {f"{fmt}.{c:03d}": (fmt, (1,), bytes([c])) for fmt in ("F8_E4M3", "F8_E5M2") for c in range(256)}
    write_safetensors(tmp_path / "codes.safetensors", tensors)
    for t in scan(tmp_path / "codes.safetensors"):
        fmt, code = t["name"].split(".")
        assert_agrees(t, stats(f8_values(np.array([int(code)], dtype=np.uint8), fmt)), t["name"])


def test_spectral_norm_against_float64_svd(tmp_path, rng):
    from safetensors.numpy import save_file
    mats = {"layers.0.q.weight": rng.standard_normal((96, 64)), "layers.0.up.weight": rng.standard_normal((128, 48)) * 0.02,
            "rnn.weight_hh_l0": rng.standard_normal((4 * 16, 16)) * 0.3}
    save_file({k: v.astype(np.float32) for k, v in mats.items()}, tmp_path / "m.safetensors")
    out = subprocess.run([BIN, "scan", tmp_path / "m.safetensors", "--spectral", "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    for t in doc["tensors"]:
        w = mats[t["name"]].astype(np.float32).astype(np.float64)
        s = np.linalg.svd(w, compute_uv=False)[0]
        assert abs(t["spectralNorm"] - s) <= 1e-6 * s, t["name"]
        assert t["spectralNormBound"] <= 1e-6 * s
        assert t["fanInVariance"] == pytest.approx(w.shape[1] * w.var(), rel=1e-9)
    gates = doc["tensors"][2]["gates"]
    w = mats["rnn.weight_hh_l0"].astype(np.float32).astype(np.float64)
    assert [g["index"] for g in gates] == [0, 1, 2, 3]
    for g in gates:
        s = np.linalg.svd(w[16 * g["index"]:16 * (g["index"] + 1)], compute_uv=False)[0]
        assert abs(g["spectralNorm"] - s) <= 1e-6 * s
        assert g["mayExplode"] == (s > 1)
    assert [c["name"] for c in doc["chain"]] == ["layers.0.q.weight", "layers.0.up.weight"]


@pytest.mark.parametrize("content, fragment", [
    (b"\x10\x00\x00\x00\x00\x00\x00\x00{}", "past the end"),
    (b"\x00\x00\x00\x10\x00\x00\x00\x00", "100 MB"),
    (b"\x02\x00\x00\x00\x00\x00\x00\x00{x", "not valid JSON"),
])
def test_hostile_files_are_one_line_errors(tmp_path, content, fragment):
    path = tmp_path / "bad.safetensors"
    path.write_bytes(content)
    out = subprocess.run([BIN, "scan", path], capture_output=True, text=True)
    assert out.returncode == 1 and out.stdout == ""
    assert fragment in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
