"""Editing a draft in the app: structured form and raw YAML; invalid edits change nothing."""

from __future__ import annotations

from chiso.audit.models import AuditEntry
from chiso.frameworks import actions, documents, editing
from chiso.frameworks.models import FrameworkVersion
from tests.conftest import PASSWORD
from tests.frameworks.conftest import national

CAP_15A = "groups/0/criteria/4/items/0/rule/cap"  # 1.5.a
CAP_15B = "groups/0/criteria/4/items/1/rule/cap"  # 1.5.b
BAND_14A_2 = "groups/0/criteria/3/items/0/rule/bands/1"  # 1.4.a, band 2


def _form(row: FrameworkVersion, **changes: str) -> dict[str, str]:
    post = {"revision": str(row.revision)}
    for f in editing.all_fields(editing.sections(documents.parse(row.text))):
        if f.kind == "bounds":
            post |= {f"{f.name}@low_kind": f.low_kind, f"{f.name}@low": f.low,
                     f"{f.name}@high_kind": f.high_kind, f"{f.name}@high": f.high}  # fmt: skip
        else:
            post[f.name] = f.value
    return post | changes


def _draft(world):
    return actions.copy_as_new_version(national(), by=world.users["national_admin"])


def test_an_administrator_edits_caps_and_a_band_and_the_comments_stay(client, world):
    draft = _draft(world)
    client.login(username="national_admin", password=PASSWORD)
    post = _form(draft, **{CAP_15A: "12", CAP_15B: "8", f"{BAND_14A_2}@high": "30"})
    post["groups/0/criteria/3/items/0/rule/bands/2@low"] = "30"
    response = client.post(f"/bo-chi-so/{draft.pk}/sua/", post, follow=True)
    assert "các chú thích trong tệp được giữ nguyên" in response.content.decode()
    draft.refresh_from_db()
    assert "{kind: yes_no, fact: computer_room_exams, cap: 12}" in draft.text
    assert "- {from: 20, to: 30, cap: 6}" in draft.text and "- {above: 30, cap: 10}" in draft.text
    assert documents.comment_count(draft.text) == documents.comment_count(national().text)
    assert draft.revision == 2
    assert AuditEntry.objects.filter(verb="framework.edit", target_id=draft.pk).count() == 1


def test_an_invalid_edit_changes_nothing_and_says_where_in_vietnamese(client, world):
    draft = _draft(world)
    client.login(username="national_admin", password=PASSWORD)
    response = client.post(f"/bo-chi-so/{draft.pk}/sua/", _form(draft, **{CAP_15A: "12"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bộ chỉ số chưa hợp lệ: chưa lưu gì." in page
    assert "tiêu chí 1.5" in page and "khác điểm tối đa của tiêu chí (20)" in page
    assert 'value="12"' in page  # what the user typed is still there to fix
    after = FrameworkVersion.objects.get(pk=draft.pk)
    assert (after.text, after.revision) == (draft.text, draft.revision)
    assert not AuditEntry.objects.filter(verb="framework.edit").exists()


def test_an_unreadable_value_changes_nothing(client, world):
    draft = _draft(world)
    client.login(username="national_admin", password=PASSWORD)
    response = client.post(
        f"/bo-chi-so/{draft.pk}/sua/",
        _form(draft, **{CAP_15A: "mười", f"{BAND_14A_2}@high_kind": "x"}),
    )
    page = response.content.decode()
    assert "mục 1.5.a: điểm tối đa" in page and "«mười» không phải là một số" in page
    assert "mục 1.4.a, khoảng 2" in page and "loại cận không hợp lệ" in page
    assert FrameworkVersion.objects.get(pk=draft.pk).text == draft.text


def test_a_second_editor_is_refused_and_sees_the_latest_draft(client, world):
    draft = _draft(world)
    stale = _form(draft, **{CAP_15A: "12", CAP_15B: "8"})
    actions.save_text(
        draft, draft.text + "\n# người khác sửa\n", by=world.users["national_admin"], revision=1
    )
    client.login(username="national_admin", password=PASSWORD)
    response = client.post(f"/bo-chi-so/{draft.pk}/sua/", stale, follow=True)
    assert "Người khác vừa lưu bản nháp này" in response.content.decode()
    assert "cap: 15}" in FrameworkVersion.objects.get(pk=draft.pk).text


def test_the_raw_editor_keeps_comments_and_refuses_broken_yaml_with_its_line(client, world):
    draft = _draft(world)
    client.login(username="national_admin", password=PASSWORD)
    broken = draft.text.replace("groups:\n", "groups:\n  - [\n", 1)
    response = client.post(f"/bo-chi-so/{draft.pk}/sua-yaml/", {"text": broken, "revision": "1"})
    page = response.content.decode()
    assert "YAML không hợp lệ" in page and "dòng " in page
    assert FrameworkVersion.objects.get(pk=draft.pk).text == draft.text
    renamed = draft.text.replace("id: qd4725-2022", "id: khac-2022", 1)
    page = client.post(
        f"/bo-chi-so/{draft.pk}/sua-yaml/", {"text": renamed, "revision": "1"}
    ).content.decode()
    assert "mã trong tệp là «khac-2022», phải là «qd4725-2022»" in page
    commented = draft.text + "# ghi chú của Sở\n"
    client.post(f"/bo-chi-so/{draft.pk}/sua-yaml/", {"text": commented, "revision": "1"})
    assert FrameworkVersion.objects.get(pk=draft.pk).text.endswith("# ghi chú của Sở\n")


def test_a_published_version_has_no_editor_and_its_edit_link_says_why(client, world):
    client.login(username="national_admin", password=PASSWORD)
    version = national()
    text = version.text
    page = client.get(f"/bo-chi-so/{version.pk}/sua/")
    assert page.status_code == 404
    html = page.content.decode()
    assert "đã ban hành nên không sửa được" in html
    assert f'href="/bo-chi-so/{version.pk}/"' in html
    assert client.post(f"/bo-chi-so/{version.pk}/sua-yaml/", {"text": "x"}).status_code == 404
    assert FrameworkVersion.objects.get(pk=version.pk).text == text
    client.login(username="member", password=PASSWORD)  # no editor of the index: a bare 404
    assert "đã ban hành" not in client.get(f"/bo-chi-so/{version.pk}/sua/").content.decode()
