import json
import subprocess
import sys
from pathlib import Path

from chiso import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_score_json_has_the_documented_shape(capsys):
    code, out, _ = run(capsys, "score", str(EXAMPLES / "s1_chu_van_an.yaml"), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["framework"] == "qd4725-2022"
    group = data["groups"][0]
    assert {"id", "points", "level", "mandatory_met", "criteria"} <= set(group)
    assert (group["id"], group["points"], group["level"], group["mandatory_met"]) == (
        "1",
        32,
        1,
        True,
    )
    assert {"id": "1.3", "points": 6, "level": 1}.items() <= group["criteria"][0].items()
    assert all({"severity", "where", "message"} <= set(f) for f in data["findings"])


def test_score_prints_a_readable_table(capsys):
    code, out, _ = run(capsys, "score", str(EXAMPLES / "s1_chu_van_an.yaml"))
    assert code == 0
    assert "Nhóm 1. Chuyển đổi số trong dạy, học: 32/100 điểm — Mức độ 1" in out
    assert "53/100 phòng học = 53%, từ 20 đến 60% → tối đa 5 điểm" in out


def test_check_lists_findings_and_fails_on_errors(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLES / "s0_be_van_dan.yaml"), "--json")
    data = json.loads(out)
    assert code == 1
    assert [g["points"] for g in data["groups"]] == [60, 58]
    assert any(f["severity"] == "error" and "62" in f["message"] for f in data["findings"])
    assert any(s["key"] == "group.1.points" and s["value"] == 62 for s in data["stated"])


def test_check_of_a_consistent_document_exits_zero(capsys):
    code, _, _ = run(capsys, "check", str(EXAMPLES / "s2_gdtx_hai_phong.yaml"))
    assert code == 0


def test_json_input_works(tmp_path, capsys):
    path = tmp_path / "truong.json"
    path.write_text(
        json.dumps({"framework": "qd4725-2022", "facts": {"approved_digital_materials": 41}}),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "score", str(path), "--json")
    assert code == 0
    assert json.loads(out)["groups"][0]["criteria"][1]["points"] == 10


def test_bad_input_exits_2_with_a_message_not_a_traceback(tmp_path):
    cases = {
        "missing.yaml": None,
        "broken.yaml": "framework: [",
        "list.yaml": "- 1\n- 2\n",
        "nofw.yaml": "facts: {}\n",
        "badfw.yaml": "framework: qd0000\n",
        "badfact.yaml": "framework: qd4725-2022\nfacts: {approved_digital_materials: nhiều}\n",
        "overcap.yaml": "framework: qd4725-2022\nfacts: {studio_room: không}\nawarded: {1.7.c: 5}\n",
        "badstated.yaml": "framework: qd4725-2022\nstated: [{where: x}]\n",
        "binary.yaml": b"\xff\xfe\x00bad",
    }
    for name, content in cases.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content, encoding="utf-8")
        command = "check" if "stated" in name else "score"
        out = subprocess.run(
            [sys.executable, "-m", "chiso.cli", command, str(path)], capture_output=True, text=True
        )
        assert out.returncode == 2, name
        assert "Traceback" not in out.stderr, name
        assert out.stderr.startswith("Lỗi"), name


def test_validate_reports_a_bad_framework_file(tmp_path, capsys):
    path = tmp_path / "sai.yaml"
    path.write_text("id: sai\nfacts: {}\ngroups: []\ngroup_levels: []\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "sai.yaml: groups:" in err


def test_bench_prints_assessments_per_second_last(capsys):
    code, out, _ = run(capsys, "bench", "-n", "200")
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("assessments scored per second (one core): ")


def test_bench_paths_prints_the_time_per_assessment_and_the_worst_case(capsys):
    code, out, _ = run(capsys, "bench-paths", "-n", "50")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[-2].startswith("paths per assessment (CPU): mean ")
    assert lines[-1].startswith("worst case (CPU; nothing yet")


def test_path_prints_each_groups_way_to_the_next_level(capsys):
    code, out, _ = run(capsys, "path", str(EXAMPLES / "s1_chu_van_an.yaml"))
    assert code == 0
    assert "Nhóm 1 lên Mức độ 2: cần thêm ít nhất 18 điểm." in out
    assert "Phương án 1: 2.3.c 0 → 20 (Có)" in out
    code, out, _ = run(capsys, "path", str(EXAMPLES / "s1_chu_van_an.yaml"), "--json")
    data = json.loads(out)
    assert [g["next_level"] for g in data] == [2, 3]
    assert data[1]["routes"][0]["steps"] == [{"item": "2.3.c", "from": 0, "to": 20, "needs": "Có"}]


def test_synth_builds_a_small_country_in_the_database_it_is_given(tmp_path):
    import os
    import sqlite3
    import subprocess
    import sys

    db = tmp_path / "country.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    run = subprocess.run(
        [sys.executable, "-m", "chiso.cli", "synth", "--scale", "0,01", "--provinces", "3"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "550 cơ sở" in run.stdout
    rows = (
        sqlite3.connect(db)
        .execute("SELECT kind, is_active, COUNT(*) FROM units_unit GROUP BY kind, is_active")
        .fetchall()
    )
    # Hà Nội, Hải Phòng and Huế today, Hải Dương's Sở closed; the Phòng closed on 30/6/2025;
    # 1% of the communes and institutions, the Phòng (7) at least one per older province (4).
    assert {(kind, bool(active)): n for kind, active, n in rows} == {
        ("bo", True): 1,
        ("so", True): 3,
        ("so", False): 1,
        ("phong", False): 7,
        ("xa", True): 33,
        ("co_so", True): 550,
    }


def test_an_office_scores_from_roll_up_figures_on_the_provisional_3806_index(capsys):
    code, out, _ = run(capsys, "score", str(EXAMPLES / "s3_phong_duong_kinh.yaml"), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["framework"] == "qd3806-2024"
    items = {i["id"]: i for g in data["groups"] for c in g["criteria"] for i in c.get("items", [])}
    assert items["2.4.a"]["awarded"] == 12
    assert items["2.4.a"]["explanation"] == "17/17 cơ sở = 100%, trên 80% → tối đa 12 điểm"
    # The level is set on the total of the whole index, not per group.
    assert data["overall"]["convention"] == "total"
    assert data["overall"]["points"] == sum(g["points"] for g in data["groups"])
    assert all(g["level"] is None for g in data["groups"])
    code, out, _ = run(capsys, "score", str(EXAMPLES / "s3_phong_duong_kinh.yaml"))
    assert "Lưu ý: Bộ chỉ số tạm thời" in out
