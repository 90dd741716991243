"""mpmath references for the numeric moments and entropies (jaxwrap's _quadrature).

Writes ``tests/data/stats/numeric_moments.json``: for each case
``{dist, args, mean, var, skew, kurtosis, entropy}`` computed by mpmath.quad of
the density at 25 digits (break points at the density's kinks and peaks), for
the laws whose scipy values come from scipy's own numeric integration::

    python tools/stats_numeric_moments_refs.py
"""

from __future__ import annotations

import json
from pathlib import Path

import mpmath as mp

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "stats" / "numeric_moments.json"
mp.mp.dps = 25
pi = mp.pi


def phi(x):
    return mp.npdf(x)


def Phi(x):
    return mp.ncdf(x)


def _kappa4_pdf(h, k):
    # cdf (1 - h (1 - k x)^(1/k))^(1/h), differentiated
    h, k = mp.mpf(h), mp.mpf(k)
    return lambda x: (1 - k * x) ** (1 / k - 1) * (1 - h * (1 - k * x) ** (1 / k)) ** (1 / h - 1)


def _ksone_pdf(n):
    """-d/de of Smirnov's one-sided survival function (Birnbaum & Tingey 1951)
    sf(e) = e sum_(j <= n (1 - e)) C(n, j) (j/n + e)^(j - 1) (1 - e - j/n)^(n - j)."""
    n = int(n)

    def pdf(e):
        total = mp.mpf(0)
        for j in range(int(mp.floor(n * (1 - e))) + 1):
            a, b = j / mp.mpf(n) + e, 1 - e - j / mp.mpf(n)
            d = (a ** (j - 1) * b ** (n - j) + e * (j - 1) * a ** (j - 2) * b ** (n - j)
                 - (e * (n - j) * a ** (j - 1) * b ** (n - j - 1) if n > j else 0))
            total += mp.binomial(n, j) * d
        return -total
    return pdf


def _argus_pdf(c):
    c = mp.mpf(c)
    psi = Phi(c) - c * phi(c) - mp.mpf(1) / 2
    return lambda x: c ** 3 / (mp.sqrt(2 * pi) * psi) * x * mp.sqrt(1 - x * x) * mp.exp(
        -c * c * (1 - x * x) / 2)


def _crystalball_pdf(beta, m):
    beta, m = mp.mpf(beta), mp.mpf(m)
    a = (m / beta) ** m * mp.exp(-beta ** 2 / 2)
    b = m / beta - beta
    n = 1 / (m / (beta * (m - 1)) * mp.exp(-beta ** 2 / 2) + mp.sqrt(2 * pi) * Phi(beta))
    return lambda x: n * (mp.exp(-x * x / 2) if x > -beta else a * (b - x) ** -m)


# name -> (density factory, support (lo, hi) factory, break points factory)
LAWS = {
    "gompertz": (lambda c: lambda x: c * mp.exp(x) * mp.exp(-c * (mp.exp(x) - 1)),
                 lambda c: (0, mp.log(1 + 120 / c)), lambda c: [mp.log(1 + 1 / c)]),
    "powerlognorm": (lambda c, s: lambda x: c / (x * s) * phi(mp.log(x) / s)
                     * Phi(-mp.log(x) / s) ** (c - 1),
                     lambda c, s: (0, mp.exp(20 * s)), lambda c, s: [1]),
    "johnsonsb": (lambda a, b: lambda x: b / (x * (1 - x)) * phi(a + b * mp.log(x / (1 - x))),
                  lambda a, b: (0, 1), lambda a, b: [mp.mpf(1) / 2]),
    "exponweib": (lambda a, c: lambda x: a * c * (-mp.expm1(-x ** c)) ** (a - 1)
                  * mp.exp(-x ** c) * x ** (c - 1),
                  lambda a, c: (0, mp.mpf(120) ** (1 / c)), lambda a, c: [1]),
    "exponpow": (lambda b: lambda x: b * x ** (b - 1) * mp.exp(1 + x ** b - mp.exp(x ** b)),
                 lambda b: (0, mp.mpf(6) ** (1 / b)), lambda b: [1]),
    "genexpon": (lambda a, b, c: lambda x: (a + b * (-mp.expm1(-c * x)))
                 * mp.exp(-a * x - b * x + b / c * (-mp.expm1(-c * x))),
                 lambda a, b, c: (0, 120 / mp.mpf(a)), lambda a, b, c: [1]),
    "powernorm": (lambda c: lambda x: c * phi(x) * Phi(-x) ** (c - 1),
                  lambda c: (-40, 40), lambda c: [0]),
    "wrapcauchy": (lambda c: lambda x: (1 - c * c) / (2 * pi * (1 + c * c - 2 * c * mp.cos(x))),
                   lambda c: (0, 2 * pi), lambda c: [mp.mpf(1) / 4, pi, 2 * pi - mp.mpf(1) / 4]),
    "kappa4": (_kappa4_pdf, lambda h, k: (-mp.inf if h <= 0 else (1 - mp.mpf(h) ** -k) / k,
                                          1 / mp.mpf(k) if k > 0 else mp.inf),
               lambda h, k: [0]),
    "ksone": (_ksone_pdf, lambda n: (0, 1),
              lambda n: [mp.mpf(j) / n for j in range(1, n)]),
    "argus": (_argus_pdf, lambda c: (0, 1), lambda c: [mp.mpf(1) / 2]),
    "crystalball": (_crystalball_pdf, lambda beta, m: (-mp.inf, 40),
                    lambda beta, m: [-beta, 0]),
}

CASES = [  # the tests' parameter grid
    ("gompertz", (0.5,)), ("gompertz", (1e-4,)), ("gompertz", (3.0,)),
    ("powerlognorm", (2.0, 0.5)), ("powerlognorm", (0.7, 1.2)),
    ("johnsonsb", (0.5, 1.5)), ("johnsonsb", (-1.0, 0.7)),
    ("exponweib", (2.0, 0.5)), ("exponweib", (0.6, 3.0)),
    ("exponpow", (0.5,)), ("exponpow", (2.5,)),
    ("genexpon", (1.0, 2.0, 3.0)), ("genexpon", (0.5, 1.0, 0.2)),
    ("powernorm", (0.5,)), ("powernorm", (4.0,)),
    ("wrapcauchy", (0.3,)), ("wrapcauchy", (0.8,)),
    ("kappa4", (0.5, 0.3)), ("kappa4", (0.2, -0.2)),
    ("ksone", (5,)),
    ("argus", (1.0,)), ("argus", (3.0,)),
    ("crystalball", (1.0, 3.0)), ("crystalball", (2.0, 1.5)),
]


def _real(pdf):
    """The density, 0 where rounding at a support end makes it complex or negative."""
    def f(x):
        v = pdf(x)
        return v if isinstance(v, mp.mpf) and v > 0 else mp.mpf(0)
    return f


def _moments(pdf, lo, hi, brk):
    pdf = _real(pdf)
    pts = [lo] + [p for p in brk if lo < p < hi] + [hi]

    def E(g):
        return mp.quad(lambda x: g(x) * pdf(x), pts)
    mean = E(lambda x: x)
    c = [E(lambda x, k=k: (x - mean) ** k) for k in (2, 3, 4)]
    ent = mp.quad(lambda x: -mp.fmul(pdf(x), mp.log(pdf(x))) if pdf(x) > 0 else mp.mpf(0), pts)
    return mean, c[0], c[1] / c[0] ** 1.5, c[2] / c[0] ** 2 - 3, ent


def main():
    rows = []
    for name, args in CASES:
        pdf_f, sup_f, brk_f = LAWS[name]
        margs = [mp.mpf(a) for a in args]
        lo, hi = sup_f(*margs)
        if name == "ksone":
            args = (int(args[0]),)
            pdf, brk = pdf_f(args[0]), brk_f(args[0])
        else:
            pdf, brk = pdf_f(*margs), brk_f(*margs)
        vals = _moments(pdf, mp.mpf(lo), mp.mpf(hi), brk)
        row = {"dist": name, "args": list(args)}
        row.update({k: mp.nstr(v, 20) for k, v in zip(
            ("mean", "var", "skew", "kurtosis", "entropy"), vals)})
        print(row, flush=True)
        rows.append(row)
    OUT.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
