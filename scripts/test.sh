#!/usr/bin/env bash
# Install jaxwrap with its test extra into .venv (first run only) and run the suite.
# JAXWRAP_NUM_CASES widens the sampled cases (default: small, for CI).
source "$(dirname "$0")/_env.sh" "[test]"
exec python -m pytest -n 2 --dist loadfile -q -p no:cacheprovider "$@"
