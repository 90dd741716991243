"""Weak scaling of jaxwrap.numpy (and jax.numpy beside it) on 1, 2, 4, 8 devices.

    python -m benchmarks.scaling [--out docs/scaling_weak.json] [--plot docs/scaling_weak.png]
    python -m benchmarks.scaling --replot     # the figure again, from the JSON

Runs in a child process with 8 virtual CPU devices
(``--xla_force_host_platform_device_count=8``); meshes of 1, 2, 4 and 8 of
them.  Weak scaling: the work per device is fixed, so the global problem grows
with the device count, and ideal scaling is a flat line.  Virtual CPU devices
share the machine's cores: the numbers measure the partitioning and
collective overhead of each workload, not a speed-up.

Workloads (per device; rows sharded over the mesh axis "d"):
  elementwise  sin(a) * 2 + 1 on (ROWS, 128) float32
  reduction    sum over the sharded axis of (ROWS, 128)      (an all-reduce)
  matmul       (ROWS, 128) @ (128, 128)                      (no communication)
  sort         sort of a 1-D array of ROWS * 32 along the sharded axis (global)
  fft          fft along the unsharded axis of (ROWS, 128) complex64

Each time is the median of REPEATS runs of the compiled program, after a warm
run, with ``block_until_ready``; jaxwrap and jax.numpy runs alternate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 2048
COLS = 128
REPEATS = 15
DEVICES = (1, 2, 4, 8)


def _workloads(xp):
    return {
        "elementwise": (lambda a: xp.add(xp.multiply(xp.sin(a), 2.0), 1.0), "rows"),
        "reduction": (lambda a: xp.sum(a, axis=0), "rows"),
        "matmul": (lambda a, b: xp.matmul(a, b), "rows+rep"),
        "sort": (lambda v: xp.sort(v), "vector"),
        "fft": (lambda a: xp.fft.fft(a, axis=1), "rows"),
    }


def _child() -> dict:
    import jax
    import jax.numpy as jnp
    import numpy as np
    from jax.sharding import AxisType, Mesh, NamedSharding
    from jax.sharding import PartitionSpec as P

    import jaxwrap.numpy as jw

    rng = np.random.RandomState(0)
    out = {"devices": list(DEVICES), "rows_per_device": ROWS, "cols": COLS,
           "repeats": REPEATS, "cpu_count": os.cpu_count(),
           "machine": platform.processor() or platform.machine(),
           "jax": jax.__version__, "times_ms": {}}
    for name in _workloads(jw):
        out["times_ms"][name] = {"jaxwrap": [], "jax.numpy": []}
    for k in DEVICES:
        mesh = Mesh(np.array(jax.devices()[:k]), ("d",), axis_types=(AxisType.Auto,))
        rows = NamedSharding(mesh, P("d", None))
        rep = NamedSharding(mesh, P())
        a = jax.device_put(rng.randn(k * ROWS, COLS).astype(np.float32), rows)
        b = jax.device_put(rng.randn(COLS, COLS).astype(np.float32), rep)
        v = jax.device_put(rng.randn(k * ROWS * 32).astype(np.float32),
                           NamedSharding(mesh, P("d")))
        for name in _workloads(jw):
            kind = _workloads(jw)[name][1]
            args = {"rows": (a,), "rows+rep": (a, b), "vector": (v,)}[kind]
            fns = {label: jax.jit(_workloads(ns)[name][0])
                   for label, ns in (("jaxwrap", jw), ("jax.numpy", jnp))}
            for f in fns.values():
                f(*args).block_until_ready()  # compile + warm
            samples = {label: [] for label in fns}
            for _ in range(REPEATS):
                for label, f in fns.items():
                    t0 = time.perf_counter()
                    f(*args).block_until_ready()
                    samples[label].append(time.perf_counter() - t0)
            for label, s in samples.items():
                out["times_ms"][name][label].append(round(1e3 * float(np.median(s)), 4))
    return out


def _plot(data: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for name, series in data["times_ms"].items():
        base = series["jaxwrap"][0]
        line, = ax.plot(data["devices"], [t / base for t in series["jaxwrap"]], marker="o",
                        label=name)
        base_j = series["jax.numpy"][0]
        ax.plot(data["devices"], [t / base_j for t in series["jax.numpy"]], marker="x",
                linestyle=":", color=line.get_color())
    ax.axhline(1.0, color="grey", linewidth=0.8)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(data["devices"], [str(d) for d in data["devices"]])
    ax.set_xlabel("virtual CPU devices (work per device fixed)")
    ax.set_ylabel("time / time on 1 device")
    ax.set_title("Weak scaling on virtual CPU devices (shared cores: overhead, not speed-up)",
                 fontsize=9)
    ax.legend(title="jaxwrap (solid), jax.numpy (dotted)", fontsize=8, title_fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "scaling_weak.json")
    p.add_argument("--plot", type=Path, default=ROOT / "docs" / "scaling_weak.png")
    p.add_argument("--replot", action="store_true",
                   help="only redraw the figure from the JSON of --out")
    args = p.parse_args(argv)
    if args.replot:
        _plot(json.loads(args.out.read_text()), args.plot)
        return
    env = dict(os.environ)
    env["XLA_FLAGS"] = (env.get("XLA_FLAGS", "") +
                        " --xla_force_host_platform_device_count=8").strip()
    env["JAX_PLATFORMS"] = "cpu"
    proc = subprocess.run([sys.executable, "-m", "benchmarks.scaling", "--child"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=1800)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode or not line:
        sys.exit(f"scaling child failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    data = json.loads(line[-1][len("RESULT "):])
    data["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    data["load_average_1min_at_end"] = os.getloadavg()[0]
    args.out.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {args.out}")
    try:
        _plot(data, args.plot)
        print(f"wrote {args.plot}")
    except ImportError:
        print("matplotlib not available: no figure")
    print(_table(data))


def _table(data: dict) -> str:
    head = "| workload | " + " | ".join(f"{d} dev" for d in data["devices"]) + " |"
    rows = [head, "|---|" + "---|" * len(data["devices"])]
    for name, series in data["times_ms"].items():
        for label, ts in series.items():
            rows.append(f"| {name} ({label}) | " + " | ".join(f"{t:.3g}" for t in ts) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        sys.path.insert(0, str(ROOT))
        print("RESULT " + json.dumps(_child()), flush=True)
    else:
        main()
