"""What the numbers were measured on: versions, CPU, backend, BLAS settings."""

from __future__ import annotations

import ctypes
import os
import platform
import time
from typing import Any

# OpenBLAS reads these when numpy is imported; on this project's machines they
# pin a slow kernel. Benchmarks should run with them unset for that command:
#   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python -m benchmarks.run
BLAS_ENV_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def blas_env_set() -> dict[str, str]:
    return {k: os.environ[k] for k in BLAS_ENV_VARS if k in os.environ}


def blas_env_warning() -> str | None:
    found = blas_env_set()
    if not found:
        return None
    setting = ", ".join(f"{k}={v}" for k, v in found.items())
    unset = " ".join(f"-u {k}" for k in found)
    return (
        f"warning: {setting} is set; numpy's BLAS is slowed and its timings are not "
        f"representative. Run as:\n  env {unset} python -m benchmarks.run ..."
    )


def load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def busy_warning(load: float | None, cores: int | None) -> str | None:
    """Other processes competing for the CPU make every ratio unreliable."""
    if load is None or not cores or load <= 0.5 * cores:
        return None
    return (
        f"warning: the machine is busy (1-minute load average {load} on {cores} cores); "
        "timings will be noisy. Consider --wait-idle S, or re-run when it is idle."
    )


BUSY_CORES = 0.2  # other processes' CPU, in cores, above which a row is marked busy


class Contention:
    """CPU used by *other* processes (and VM steal), in cores, over a time window.

    ``start()`` then ``cores()``: the average number of cores that processes
    other than this one kept busy since ``start()``. On a shared 2-core machine
    anything above ~0.2 disturbs the timings. Linux only; elsewhere ``None``.
    """

    def __init__(self) -> None:
        self._t0: tuple[float, int, int] | None = None

    @staticmethod
    def _read() -> tuple[float, int, int] | None:
        try:
            with open("/proc/stat") as f:
                fields = [int(v) for v in f.readline().split()[1:]]
            with open("/proc/self/stat") as f:
                mine = f.read().rsplit(")", 1)[1].split()
        except (OSError, ValueError, IndexError):
            return None
        # user nice system idle iowait irq softirq steal ...
        busy = sum(fields[:3]) + sum(fields[5:8])
        own = int(mine[11]) + int(mine[12])  # utime + stime of all our threads
        return time.monotonic(), busy, own

    def start(self) -> Contention:
        self._t0 = self._read()
        return self

    def cores(self) -> float | None:
        t1 = self._read()
        if self._t0 is None or t1 is None or t1[0] - self._t0[0] < 1e-3:
            return None
        ticks = os.sysconf("SC_CLK_TCK")
        others = (t1[1] - self._t0[1]) - (t1[2] - self._t0[2])
        return max(0.0, others / ticks / (t1[0] - self._t0[0]))


def wait_for_idle(max_wait_s: float, threshold: float = BUSY_CORES, window_s: float = 0.5) -> float:
    """Sleep until other processes use < ``threshold`` cores; return seconds waited."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < max_wait_s:
        c = Contention().start()
        time.sleep(window_s)
        busy = c.cores()
        if busy is None or busy < threshold:
            break
    return time.monotonic() - t0


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _numpy_blas() -> dict[str, Any]:
    """numpy's BLAS: build info, and the kernel in use at run time if it can be asked."""
    import numpy as np

    info: dict[str, Any] = {}
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["build"] = f"{blas.get('name')} {blas.get('version')}"
    except (KeyError, TypeError, ValueError) as e:  # numpy < 1.26 or a custom build
        info["build"] = f"unknown ({type(e).__name__})"
    try:
        import threadpoolctl  # optional

        for pool in threadpoolctl.threadpool_info():
            if pool.get("user_api") == "blas":
                info["runtime"] = (
                    f"{pool.get('internal_api')} {pool.get('version')}, "
                    f"kernel {pool.get('architecture')}, {pool.get('num_threads')} threads"
                )
                info["source"] = "threadpoolctl"
                break
    except ImportError:
        kernel = _openblas_corename()
        if kernel:
            info["runtime"] = f"OpenBLAS kernel {kernel}"
            info["source"] = "ctypes"
    return info


def _openblas_corename() -> str | None:
    """Ask the OpenBLAS loaded in this process for its kernel (threadpoolctl-free)."""
    try:
        with open("/proc/self/maps") as f:
            paths = {ln.split()[-1] for ln in f if "openblas" in ln.lower() and "/" in ln}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for sym in (
            "openblas_get_corename",
            "openblas_get_corename64_",
            "scipy_openblas_get_corename64_",
            "scipy_openblas_get_corename",
        ):
            fn = getattr(lib, sym, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                name = fn()
                return name.decode() if name else None
    return None


def collect(candidate: str, command: str) -> dict[str, Any]:
    import jax
    import jaxlib
    import numpy as np

    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count()
    blas_set = blas_env_set()
    return {
        "candidate": candidate,
        "python": platform.python_version(),
        "jax": jax.__version__,
        "jaxlib": jaxlib.__version__,
        "numpy": np.__version__,
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": affinity,
        "backend": jax.default_backend(),
        "devices": ", ".join(str(d) for d in jax.devices()),
        "x64": bool(jax.config.read("jax_enable_x64")),
        "XLA_FLAGS": os.environ.get("XLA_FLAGS", ""),
        "openblas_env_unset": not blas_set,
        "openblas_env": blas_set,
        "numpy_blas": _numpy_blas(),
        "platform": platform.platform(),
        "command": command,
    }
