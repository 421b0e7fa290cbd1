"""The registry: shipped files registered as published versions, versions cached, fallback."""

from __future__ import annotations

from chiso import rubric
from chiso.assessments import scoring
from chiso.audit.models import AuditEntry
from chiso.frameworks import actions, registry
from chiso.frameworks.models import FrameworkVersion
from chiso.rubric.loading import FRAMEWORKS_DIR
from tests.frameworks.conftest import draft_of, item, lower_gradebook_cap, national, publish


def test_every_shipped_file_is_a_published_version_after_migrate(db):
    for name in rubric.available_frameworks():
        framework = rubric.load_framework(name)
        row = FrameworkVersion.objects.get(framework_id=framework.id, version=framework.version)
        assert row.status == "published" and row.is_shipped
        assert row.text == (FRAMEWORKS_DIR / f"{name}.yaml").read_text(encoding="utf-8")
    assert national().decision_number == "4725/QĐ-BGDĐT" and national().decision_date.year == 2022


def test_registering_again_changes_nothing(db):
    before = list(FrameworkVersion.objects.values_list("pk", "text"))
    assert registry.register_shipped() == []
    assert list(FrameworkVersion.objects.values_list("pk", "text")) == before


def test_a_shipped_file_corrected_in_place_refreshes_its_row_and_keeps_the_old_text(db):
    FrameworkVersion.objects.filter(pk=national().pk).update(text="id: qd4725-2022\n# cũ\n")
    assert registry.register_shipped() == ["qd4725-2022@1"]
    assert national().text.startswith("# Bộ chỉ số")
    entry = AuditEntry.objects.get(verb="framework.shipped_refresh")
    assert entry.before["text"] == "id: qd4725-2022\n# cũ\n"


def test_a_published_version_is_parsed_once_per_process(db, django_assert_num_queries):
    first = registry.get_framework("qd4725-2022", 1)
    with django_assert_num_queries(0):
        assert registry.get_framework("qd4725-2022", 1) is first
        assert registry.describe("qd4725-2022", 1).decision_number == "4725/QĐ-BGDĐT"


def test_without_a_row_the_shipped_file_answers_and_a_missing_version_is_an_error(db):
    FrameworkVersion.objects.all().delete()
    assert registry.get_framework("qd4725-2022", 1).id == "qd4725-2022"
    try:
        registry.get_framework("qd4725-2022", 7)
    except rubric.RubricError as exc:
        assert "không có phiên bản 7" in str(exc)
    else:
        raise AssertionError("version 7 does not exist")


def test_a_campaign_is_scored_on_the_version_it_pins(world, admin):
    v2 = publish(draft_of(national(), admin, lower_gradebook_cap), admin)
    assessment = world.assessments["school"]
    assert scoring.framework_for(assessment).item("2.3.c").rule.cap == 20
    world.campaign.framework_version = v2.version
    world.campaign.save(update_fields=["framework_version"])
    assessment.refresh_from_db()
    assert scoring.framework_for(assessment).item("2.3.c").rule.cap == 10


def test_a_draft_is_read_again_after_each_edit(world, admin):
    draft = draft_of(national(), admin, lambda data: None)
    assert registry.get_framework("qd4725-2022", 2).item("1.5.a").rule.cap == 15

    def swap(data):
        item(data, "1.5.a")["rule"]["cap"] = 12
        item(data, "1.5.b")["rule"]["cap"] = 8

    from chiso.frameworks import documents

    data = documents.parse(draft.text)
    swap(data)
    actions.save_data(draft, data, by=admin, revision=draft.revision)
    assert registry.get_framework("qd4725-2022", 2).item("1.5.a").rule.cap == 12


def test_a_published_version_never_changes(world, admin):
    row = national()
    try:
        actions.save_text(row, row.text + "\n# thêm\n", by=admin, revision=row.revision)
    except actions.FrameworkRefused as exc:
        assert "đã ban hành" in str(exc)
    else:
        raise AssertionError("a published version was edited")
    assert national().text == row.text
