# Shared by scripts/demo.sh and scripts/test.sh: make (once) and activate a
# virtual environment with jaxwrap installed editable.  JAXWRAP_VENV overrides
# the location; an existing environment is reused and re-synced quickly.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${JAXWRAP_VENV:-$root/.venv}"
extra="${1:-}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# shellcheck disable=SC1091
source "$venv/bin/activate"
python -m pip install -q --upgrade pip >/dev/null
python -m pip install -q -e "$root${extra}"
cd "$root"
