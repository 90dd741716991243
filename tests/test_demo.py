"""The README's first command runs the demo: check it end to end."""

import subprocess
import sys


def test_demo_runs():
    out = subprocess.run([sys.executable, "-m", "jaxwrap", "demo"], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "demo finished" in out.stdout
    assert "fitted coefficients" in out.stdout
    assert "norm.logcdf(-40) = -804.6085 " in out.stdout
    assert "out_of_scope" in out.stdout
