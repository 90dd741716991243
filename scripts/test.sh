#!/usr/bin/env bash
# Install jaxwrap with its test extra into .venv (first run only) and run the suite.
# JAXWRAP_NUM_CASES widens the sampled cases (default: small, for CI).
source "$(dirname "$0")/_env.sh" "[test]"
# XLA's compiler recurses deeply on the large special-function kernels (Bessel
# derivatives); with the default 8 MiB stack a worker segfaulted in backend_compile.
ulimit -s unlimited 2>/dev/null || ulimit -s 262144 2>/dev/null || true
exec python -m pytest -n 2 --dist loadfile -q -p no:cacheprovider "$@"
