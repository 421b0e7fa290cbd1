import subprocess
import sys


def test_the_engine_imports_no_django():
    code = "import sys, chiso.rubric, chiso.cli; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
