#!/usr/bin/env bash
# Install jaxwrap with its test extra into .venv (first run only) and run the suite.
# JAXWRAP_NUM_CASES widens the sampled cases (default: small, for CI).
source "$(dirname "$0")/_env.sh" "[test]"
# A crashed worker ends the run at once (a replacement worker would hide the crash
# and, with --dist loadfile, has hung a CI run); tests/conftest.py explains the
# crash that made this matter.
exec python -m pytest -n 2 --dist loadfile --max-worker-restart=0 -q -p no:cacheprovider "$@"
