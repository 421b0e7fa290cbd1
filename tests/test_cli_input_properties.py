"""The command line on arbitrary input files (hypothesis): a result or exit status 2 with a
Vietnamese message, never a traceback."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso import cli
from tests.rubric.test_loading_properties import documents

facts = st.dictionaries(
    st.sampled_from(["teachers_total", "studio_room", "informatics_level", "khong_co", "1"]),
    st.one_of(st.integers(-5, 10**6), st.booleans(), st.text(max_size=8), st.none(), st.floats()),
    max_size=5,
)
inputs = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["a: 2024-13-45", "framework: qd4725-2022\nfacts: [1, 2]", "[" * 300, "{"]),
    documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False)),
    st.builds(
        lambda f, a, s: yaml.safe_dump({"framework": "qd4725-2022", "facts": f, "awarded": a,
                                        "stated": s}, allow_unicode=True, sort_keys=False),
        facts, st.dictionaries(st.sampled_from(["1.3", "1.3.a", "9.9"]), st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
        st.one_of(st.none(), st.lists(documents, max_size=3), documents),
    ),
)  # fmt: skip


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(inputs, st.sampled_from(["score", "check", "path"]), st.sampled_from([".yaml", ".json"]))
def test_any_input_file_gives_a_result_or_exit_2(tmp_path, capsys, text, command, suffix):
    path = tmp_path / f"vao{suffix}"
    path.write_text(text, encoding="utf-8")
    code = cli.main([command, str(path)])
    err = capsys.readouterr().err
    assert code in (0, 1, 2), code
    if code == 2:
        assert err.startswith("Lỗi") and "Traceback" not in err
