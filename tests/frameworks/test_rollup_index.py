"""The provisional 3806 index in the framework screens: roll-ups read as words, their bands edited
like any band, so the official table can be entered in the app when it is known."""

from __future__ import annotations

from chiso.frameworks import actions, documents, editing
from chiso.frameworks.models import FrameworkVersion
from tests.conftest import PASSWORD

BAND_21A_2 = "groups/1/criteria/0/items/0/rule/bands/1"  # 2.1.a, the middle band


def office_index() -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework_id="qd3806-2024", version=1)


def test_the_table_reads_roll_ups_in_words_and_says_the_index_is_provisional(client, world):
    client.login(username="national_admin", password=PASSWORD)
    page = client.get(f"/bo-chi-so/{office_index().pk}/").content.decode()
    assert "Bộ chỉ số tạm thời" in page
    assert "Số liệu tổng hợp «Cơ sở giáo dục nộp kết quả tự đánh giá đúng hạn»:" in page
    assert "Tỷ lệ cơ sở đạt mục 2.3.h (có điểm) (bộ chỉ số qd4725-2022)" in page
    assert "trên 90%: tối đa 6 điểm" in page
    assert "Phần «rollups»" not in page  # not left as raw YAML
    # The levels are set on the whole total, and read so (not left as raw YAML either).
    assert "Mức độ đạt (theo tổng điểm toàn bộ chỉ số)" in page
    assert "Mức độ xét trên tổng điểm toàn bộ chỉ số, không xét riêng từng nhóm" in page
    assert "Phần «total_levels»" not in page


def test_a_roll_up_band_is_edited_in_the_form_and_checked_by_the_loader(client, world):
    draft = actions.copy_as_new_version(office_index(), by=world.users["national_admin"])
    fields = {f.name: f for f in editing.all_fields(editing.sections(documents.parse(draft.text)))}
    assert f"{BAND_21A_2}/cap" in fields
    post = {"revision": str(draft.revision)}
    for name, f in fields.items():
        if f.kind == "bounds":
            post |= {f"{name}@low_kind": f.low_kind, f"{name}@low": f.low,
                     f"{name}@high_kind": f.high_kind, f"{name}@high": f.high}  # fmt: skip
        else:
            post[name] = f.value
    client.login(username="national_admin", password=PASSWORD)
    bad = client.post(f"/bo-chi-so/{draft.pk}/sua/", post | {f"{BAND_21A_2}/cap": "25"})
    assert "Bộ chỉ số chưa hợp lệ: chưa lưu gì." in bad.content.decode()
    assert FrameworkVersion.objects.get(pk=draft.pk).text == draft.text
    post |= {f"{BAND_21A_2}@high": "60", "groups/1/criteria/0/items/0/rule/bands/2@low": "60"}
    client.post(f"/bo-chi-so/{draft.pk}/sua/", post)
    draft.refresh_from_db()
    data = documents.parse(draft.text)
    bands = data["groups"][1]["criteria"][0]["items"][0]["rule"]["bands"]
    assert bands[1] == {"from": 30, "to": 60, "cap": 6} and bands[2] == {"above": 60, "cap": 10}
    assert data["rollups"]["api_connected"]["item"] == "2.3.h"  # the roll-ups stay as they were
