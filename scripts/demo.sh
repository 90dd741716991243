#!/usr/bin/env bash
# Install jaxwrap into .venv (first run only) and run the demo.
source "$(dirname "$0")/_env.sh" ""
exec python -m jaxwrap demo "$@"
