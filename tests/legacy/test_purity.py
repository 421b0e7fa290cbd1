"""The reader is pure Python: importing it loads no Django (the import-linter contract, too)."""

import subprocess
import sys


def test_importing_the_reader_loads_no_django():
    code = (
        "import sys, chiso.legacy.importing, chiso.legacy.bench; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
