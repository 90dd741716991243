"""jaxwrap across processes: 2 processes x 4 virtual CPU devices on jax.distributed.

The module fixture starts the two workers (tests/_multiprocess_worker.py) once,
on a free localhost port with gloo collectives, under a bounded timeout: on
timeout or failure both are killed, nothing hangs.  Each worker runs every
case sharded over a global (4, 2) mesh whose "x" axis spans both processes,
gathers the results and writes them out; the tests here compare them with the
single-process results computed in this process on the same numpy inputs,
between the two processes, and (sharding) with jax.numpy's on the same mesh
under Auto and Explicit axes.  jaxwrap.random must give the same bits on both
processes, the same as one process, the same as jax.random.

A third process pins the failure mode of mismatched processes: one process of
a declared two never meets its peer and must fail within its
``initialization_timeout``, not hang.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _multiprocess_worker as W  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(W.__file__).resolve()
TIMEOUT_S = 240  # the whole launch; measured ~60 s on a loaded 2-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env():
    env = dict(os.environ)
    env["XLA_FLAGS"] = (env.get("XLA_FLAGS", "") +
                        " --xla_force_host_platform_device_count=4").strip()
    env["JAX_PLATFORMS"] = "cpu"
    env.pop("JAX_ENABLE_X64", None)
    return env


_LONELY = """
import sys, jax
jax.config.update("jax_cpu_collectives_implementation", "gloo")
try:
    jax.distributed.initialize(coordinator_address="127.0.0.1:%d", num_processes=2,
                               process_id=0, initialization_timeout=4)
except Exception as e:
    print("RAISED", type(e).__name__, str(e)[:200].replace(chr(10), " "))
    sys.exit(3)
print("JOINED")
"""


def _launch(tmp: Path):
    """Start both workers (and the lonely process), output to log files."""
    port, lonely_port = _free_port(), _free_port()
    cmds = [[sys.executable, str(WORKER), str(i), str(port), str(tmp)] for i in (0, 1)]
    cmds.append([sys.executable, "-c", _LONELY % lonely_port])
    procs = []
    for i, cmd in enumerate(cmds):
        with open(tmp / f"log{i}.txt", "w") as log:
            procs.append(subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=log,
                                          stderr=subprocess.STDOUT))
    return procs


def _wait(procs, deadline, tmp: Path):
    """Wait for all; as soon as one worker fails, or at the deadline, kill the
    rest (a worker whose peer died would wait on its collectives)."""
    try:
        while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
            if any(p.poll() not in (None, 0) for p in procs[:2]):
                break
            time.sleep(0.2)
    finally:
        for p in procs:  # nothing outlives the test
            if p.poll() is None:
                p.kill()
            p.wait()
    return [(tmp / f"log{i}.txt").read_text(errors="replace") for i in range(len(procs))]


def _reference():
    """Every case computed in this (single-device) process on the same inputs."""
    import jax

    import jaxwrap.numpy as jw
    import jaxwrap.random as jr
    cases = W.cases()
    args = {n: W.inputs(n, shapes, integer) for n, (_, shapes, _, integer) in cases.items()}
    rnd = W._random_cases(jr)
    with jax.enable_x64(False):  # as in the workers, whatever an earlier test file left
        refs = jax.jit(lambda a: {n: cases[n][0](jw, *a[n]) for n in cases})(args)
        refs.update(jax.jit(lambda k: {n: f(k) for n, f in rnd.items()})(jr.key(42)))
    refs = {n: np.asarray(v) for n, v in refs.items()}
    return refs


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("multiprocess")
    start = time.monotonic()
    procs = _launch(tmp)
    try:
        refs = _reference()  # while the workers run
    finally:
        logs = _wait(procs, start + TIMEOUT_S, tmp)
    codes = [p.returncode for p in procs]
    if codes[:2] != [0, 0]:
        raise AssertionError(f"workers failed (exit codes {codes[:2]}):\n"
                             + "\n----\n".join(log[-4000:] for log in logs[:2]))
    out = [dict(np.load(tmp / f"p{i}.npz")) for i in (0, 1)]
    rows = [json.loads((tmp / f"p{i}.json").read_text()) for i in (0, 1)]
    return {"arrays": out, "rows": rows, "refs": refs, "lonely": (codes[2], logs[2]),
            "seconds": time.monotonic() - start}


AUTO = list(W.cases())
EXPLICIT = ["explicit_" + n for n in W.EXPLICIT]
# Explicit axes where jax.numpy cannot type the result either: both raise alike.
# A contraction over a sharded axis needs an out_sharding jax asks for.
EXPLICIT_RAISES = {"explicit_matmul_contract_sharded": "ShardingTypeError"}
# Explicit axes where jax.scipy raises ShardingTypeError (its gamma.cdf, jax
# 0.10.2) and jaxwrap gives the sharded result (values checked, no jax
# sharding to compare with).
JAX_RAISES = {"explicit_stats": "ShardingTypeError"}


def _same(got, want):
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    if np.issubdtype(got.dtype, np.inexact):
        # float32: sharded reductions and contractions add partial results in
        # another order than one device does (a few ulps).
        np.testing.assert_allclose(got, want, rtol=2e-5, atol=2e-6)
    else:
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("name", AUTO + EXPLICIT)
def test_sharded_across_processes_equals_one_process(run, name):
    rows = [r[name] for r in run["rows"]]
    assert rows[0] == rows[1], rows
    row = rows[0]
    if name in EXPLICIT_RAISES:
        want = EXPLICIT_RAISES[name]
        assert row.get("raises") == [want, want], row
        return
    assert "error" not in row, row
    if name in JAX_RAISES:
        assert row["raises"] == [None, JAX_RAISES[name]], row
    else:
        assert "raises" not in row, row
        # The output sharding is jax.numpy's on the same mesh.
        assert row["sharding"], f"output sharding {row['got']} != jax.numpy's {row['want']}"
    got0, got1 = (a[name] for a in run["arrays"])
    np.testing.assert_array_equal(got0, got1)  # every process gathered the same array
    _same(got0, run["refs"][name.removeprefix("explicit_")])


@pytest.mark.parametrize("name", list(W._random_cases(None)))  # names only
def test_random_same_bits_everywhere(run, name):
    row = run["rows"][0][name]
    assert "error" not in row, row
    got0, got1 = (a[name] for a in run["arrays"])
    assert got0.dtype == run["refs"][name].dtype
    np.testing.assert_array_equal(got0, got1)  # same on both processes, always bit for bit
    jax_bits = run["arrays"][0]["jax_" + name]
    assert jax_bits.dtype == got0.dtype
    for other in (run["refs"][name], jax_bits):  # one process; jax.random
        if name in ULPS:
            np.testing.assert_allclose(got0, other, rtol=ULPS[name] * 2.0 ** -23, atol=0)
        else:
            np.testing.assert_array_equal(got0, other)


# Gamma samples go through log/pow/rsqrt in a rejection loop: XLA's CPU code
# for those differs by an ulp or two between programs (vectorized or not), so
# one-process, jax.random and sharded programs agree to a few ulps, not bits.
# The bits themselves (bits, uniform, normal, randint, permutation) are exact.
ULPS = {"random_gamma": 8}


def test_mismatched_processes_fail_without_hanging(run):
    # jax 0.10.2 either raises from initialize or aborts the process (a check
    # failure in the coordination client, exit -6): both end it within the
    # initialization_timeout; it must never join.
    code, log = run["lonely"]
    assert code != 0 and "JOINED" not in log, log[-2000:]
    assert "RAISED" in log or "CoordinationService" in log, log[-2000:]

