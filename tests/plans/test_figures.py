"""Figures of the yearly report: S0's training percentages, cashless share, all-or-nothing saves."""

import pytest

from chiso.audit.models import AuditEntry
from chiso.plans import actions
from tests.conftest import PASSWORD

YEAR = "2022-2023"

S0 = {
    "teachers_total": "39",
    "trained_blended": "39",
    "trained_elearning": "10",
    "trained_management_software": "5",
    "trained_security": "10",
    "digital_signatures": "10",
    "stats_start": "on_time",
    "stats_end": "on_time",
    "software": "Edu.vn - Sở GDĐT\nMISA - Công ty cổ phần MISA",
}


def test_s0_training_percentages_are_reproduced(world) -> None:
    figures = actions.save_figures(world.units["school"], YEAR, S0, by=world.users["head"])
    shares = [(count, share) for _key, _label, count, share in actions.training_rows(figures)]
    assert shares == [(39, "100%"), (10, "25,6%"), (5, "12,8%"), (10, "25,6%")]
    assert AuditEntry.objects.filter(verb="plans.figures").count() == 1


def test_cashless_share(world) -> None:
    data = dict(S0, students_total="400", students_cashless="300")
    figures = actions.save_figures(world.units["school"], YEAR, data, by=world.users["head"])
    assert actions.cashless_share(figures) == "75%"


def test_more_trained_than_teachers_is_refused(world) -> None:
    with pytest.raises(actions.PlanError, match="lớn hơn tổng số giáo viên"):
        actions.save_figures(
            world.units["school"], YEAR, dict(S0, trained_security="40"), by=world.users["head"]
        )
    assert actions.figures_for(world.units["school"], YEAR).pk is None


def test_the_figures_screen(client, world) -> None:
    client.login(username="head", password=PASSWORD)
    url = f"/ke-hoach/so-lieu/{world.units['school'].pk}/{YEAR}/"
    response = client.post(url, S0, follow=True)
    page = response.content.decode()
    assert "Đã lưu số liệu" in page and "25,6%" in page and "12,8%" in page
    bad = client.post(url, dict(S0, digital_signatures="mười"))
    assert bad.status_code == 400 and "«mười» không phải số nguyên" in bad.content.decode()


def test_an_office_consolidates_its_subtree(client, world) -> None:
    actions.save_figures(world.units["school"], YEAR, S0, by=world.users["head"])
    sibling = dict(S0, teachers_total="21", trained_blended="21", trained_elearning="11")
    sibling["stats_end"] = "late"
    sibling.update(students_total="100", students_cashless="50")
    actions.save_figures(world.units["sibling"], YEAR, sibling, by=world.users["sibling_head"])
    actions.save_figures(world.units["other"], YEAR, S0, by=world.users["other_head"])
    rows, total, missing = actions.office_figures(world.units["phong_a"], YEAR)
    assert [r.label for r in rows] == [world.units["school"].name, world.units["sibling"].name]
    assert missing == 0
    # Independent: (10 + 11) / (39 + 21) = 35%; on time 3 of 4 reports; cashless 50/100.
    assert total.teachers == 60 and total.trained["elearning"] == 21
    assert total.share("elearning") == "35%"
    assert (total.stats_on_time, total.stats_late) == (3, 1)
    assert total.cashless_share == "50%"
    client.login(username="reviewer", password=PASSWORD)
    page = client.get(
        f"/ke-hoach/so-lieu-tong-hop/{world.units['phong_a'].pk}/{YEAR}/"
    ).content.decode()
    assert "21 (35%)" in page and "Tổng cộng" in page
    assert world.units["other"].name not in page
