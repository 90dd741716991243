"""Benchmark rows: jaxwrap.scipy.signal's IIR filters (compiled workloads).

lfilter and sosfilt with an order-8 Chebyshev I lowpass on 1e6 float32 samples,
through the public function (the static rule picks the form: the sequential scan
on CPU) and through each form of the recurrence forced: ``scan`` (one
``jax.lax.scan`` step per sample) and ``assoc`` (the parallel associative scan of
the companion-matrix recurrence).  jax.scipy.signal has neither function: the jax
column reports the missing function and the ratio is against scipy.signal.

The ``lfilter ... assoc`` row times the parallel form on an order-8 transfer
function only to show its cost: its repeated squaring of the companion matrix is
not accurate there (float32 overflows to NaN), which is why the library uses it
for states of order <= 2 only (sosfilt's sections); see filtering.py.
"""

from __future__ import annotations

import numpy as np
import scipy.signal as ss

from benchmarks.table import Row, sibling

N = 1_000_000
_BA = tuple(np.asarray(v, np.float32) for v in ss.cheby1(8, 1.0, 0.2))
_SOS = np.asarray(ss.cheby1(8, 1.0, 0.2, output="sos"), np.float32)


def _ba_x(rng: np.random.Generator):
    return (*_BA, rng.standard_normal(N).astype(np.float32))


def _sos_x(rng: np.random.Generator):
    return (_SOS, rng.standard_normal(N).astype(np.float32))


def _is_jaxwrap(xp) -> bool:
    return xp.__name__.startswith("jaxwrap")


def _lfilter(form):
    def fn(xp, b, a, x):
        if xp.__name__ == "numpy":
            return ss.lfilter(b, a, x)
        if form is None or not _is_jaxwrap(xp):
            return sibling(xp, "scipy.signal").lfilter(b, a, x)   # jax: AttributeError
        from jaxwrap._src.scipy.signal import filtering as F
        zi = np.zeros(len(a) - 1, np.float32)
        return F._run(b, a, False, x, zi, assoc=form == "assoc")[0]
    return fn


def _sosfilt(form):
    def fn(xp, sos, x):
        if xp.__name__ == "numpy":
            return ss.sosfilt(sos, x)
        if form is None or not _is_jaxwrap(xp):
            return sibling(xp, "scipy.signal").sosfilt(sos, x)
        from jaxwrap._src.scipy.signal import filtering as F
        zi = np.zeros((sos.shape[0], 2), np.float32)
        return F._sos_run(sos, x, zi, assoc=form == "assoc")[0]
    return fn


COMPILED: list[Row] = [
    Row("signal_lfilter_o8_1e6", _ba_x, _lfilter(None), rtol=1e-3, atol=1e-3),
    Row("signal_lfilter_o8_1e6_scan", _ba_x, _lfilter("scan"), rtol=1e-3, atol=1e-3),
    Row("signal_lfilter_o8_1e6_assoc", _ba_x, _lfilter("assoc"), rtol=1e-3, atol=1e-3),
    Row("signal_sosfilt_o8_1e6", _sos_x, _sosfilt(None), rtol=1e-3, atol=1e-3),
    Row("signal_sosfilt_o8_1e6_scan", _sos_x, _sosfilt("scan"), rtol=1e-3, atol=1e-3),
    Row("signal_sosfilt_o8_1e6_assoc", _sos_x, _sosfilt("assoc"), rtol=1e-3, atol=1e-3),
]
