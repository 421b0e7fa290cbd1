"""The preview of an old report shows yes/no answers as Có/Không, never "1"."""

from types import SimpleNamespace

from chiso.assessments import legacy_import


def test_a_yes_no_answer_read_as_1_is_previewed_as_co_and_kept_as_yes(world):
    a = world.assessments["school"]
    a.facts = {**a.facts, "cashless_fees": False}
    a.save()
    reading = SimpleNamespace(
        card=object(), awarded={}, facts={"cashless_fees": 1, "online_admission": "0"}
    )
    plan = legacy_import.plan(a, "bao-cao-cu.docx", [reading])
    shown = {c.target: (c.current_shown, c.new_shown, c.status) for c in plan.answers}
    assert shown["cashless_fees"] == ("Không", "Có", "conflict")
    assert shown["online_admission"] == ("—", "Không", "new")
    assert plan.to_session()["answers"] == {"cashless_fees": True, "online_admission": False}
