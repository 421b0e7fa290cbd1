"""The engine runs without Django: every module of chiso/rubric, imported in a fresh interpreter,
loads neither Django nor any other chiso package (import-linter states the same statically)."""

import json
import pkgutil
import subprocess
import sys

import chiso.rubric

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
others = sorted(
    m for m in sys.modules
    if m.startswith("chiso.") and not m.startswith("chiso.rubric") and m != "chiso"
)
print(json.dumps({"django": loaded, "chiso": others}))
"""


def engine_modules() -> list[str]:
    found = ["chiso.rubric"]
    for module in pkgutil.walk_packages(chiso.rubric.__path__, "chiso.rubric."):
        found.append(module.name)
    return found


def probe(*modules: str) -> dict[str, list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_every_engine_module_is_found():
    modules = engine_modules()
    assert {"chiso.rubric.paths", "chiso.rubric.rollups", "chiso.rubric.scoring"} <= set(modules)


def test_no_engine_module_loads_django_or_another_chiso_package():
    assert probe(*engine_modules()) == {"django": [], "chiso": []}


def test_the_command_line_loads_no_django_for_the_engines_commands():
    assert probe("chiso.cli")["django"] == []


def test_the_probe_sees_django_when_a_module_loads_it():
    # The probe can fail: a module that imports Django is reported.
    assert "django" in probe("chiso.lib.namespaces")["django"]
