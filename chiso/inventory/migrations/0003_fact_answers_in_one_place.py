"""One fact, one place: the có/không of an inventory line that is also an index fact (LMS,
e-gradebook, cashless fees …) moves into the year's assessment, which holds it from now on.

No value is lost: an answer the assessment does not have moves into it (a draft or a returned
one; a submitted assessment stays as submitted, and the line keeps its answer); where both have
one and they disagree, the assessment's wins and the line's is kept in the audit history of the
inventory (verb "inventory.merged"), as is every answer moved.
"""

from django.db import migrations

from chiso import rubric
from chiso.assessments import scoring
from chiso.assessments.models import FIGURE_FIELDS

EDITABLE = ("draft", "returned")


def _framework(apps, campaign):
    """The index the campaign pins, read as the application reads it (stored, else shipped),
    from the migration's own models."""
    FrameworkVersion = apps.get_model("frameworks", "FrameworkVersion")
    key = (campaign.framework_id, campaign.framework_version)
    row = FrameworkVersion.objects.filter(framework_id=key[0], version=key[1]).first()
    try:
        if row is not None:
            return rubric.load_framework_text(row.text, source=f"{key[0]}@{key[1]}")
        if key[0] in rubric.available_frameworks():
            framework = rubric.load_framework(key[0])
            return framework if framework.version == key[1] else None
    except rubric.RubricError:  # an index that no longer loads: nothing moves into it
        return None
    return None


def merge(apps, schema_editor):
    Inventory = apps.get_model("inventory", "Inventory")
    Line = apps.get_model("inventory", "Line")
    Assessment = apps.get_model("assessments", "Assessment")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for inventory in Inventory.objects.order_by("pk"):
        lines = [
            line
            for line in Line.objects.filter(inventory=inventory).select_related("entry")
            if line.entry.fact and line.available is not None
        ]
        if not lines:
            continue
        assessment = (
            Assessment.objects.filter(
                unit_id=inventory.unit_id, campaign__school_year=inventory.school_year
            )
            .select_related("campaign")
            .order_by("-campaign__created_at")
            .first()
        )
        framework = _framework(apps, assessment.campaign) if assessment is not None else None
        if framework is None:
            continue
        facts = dict(assessment.facts)
        cleared, disagreed, moved = [], [], {}
        for line in lines:
            fact = line.entry.fact
            if not framework.has_fact(fact):
                continue
            if fact in facts:
                cleared.append(line)
                if facts[fact] != line.available:
                    disagreed.append(f"{line.entry.name}: hiện trạng CNTT {line.available}")
            elif assessment.status in EDITABLE:
                facts[fact] = line.available
                moved[fact] = line.available
                cleared.append(line)
        if moved:
            original = assessment.facts
            assessment.facts = facts
            try:
                card = rubric.score(framework, facts, assessment.awards)
            except rubric.InvalidInput:  # contradicts the answers: both stay, nothing moves
                assessment.facts = original
                cleared = [line for line in cleared if line.entry.fact not in moved]
            else:
                scoring.store_figures(assessment, card)
                assessment.version += 1
                assessment.save(update_fields=["facts", "version", *FIGURE_FIELDS])
                AuditEntry.objects.create(
                    verb="assessment.edit",
                    target_type="assessments.assessment",
                    target_id=assessment.pk,
                    unit_id=assessment.unit_id,
                    before={f"fact:{fact}": None for fact in moved},
                    after={f"fact:{fact}": value for fact, value in moved.items()},
                    note="câu trả lời của hiện trạng CNTT chuyển vào bản đánh giá "
                    "(một số liệu, một nơi lưu)",
                )
        if not cleared:
            continue
        before = {str(line.entry_id): line.available for line in cleared}
        for line in cleared:
            line.available = None
            line.save(update_fields=["available"])
        note = (
            "câu trả lời Có/Không của bộ chỉ số nay chỉ lưu trong bản đánh giá năm học "
            + inventory.school_year
        )
        if disagreed:
            note += "; khác nhau, giữ câu trả lời của bản đánh giá: " + "; ".join(disagreed)
        AuditEntry.objects.create(
            verb="inventory.merged",
            target_type="inventory.inventory",
            target_id=inventory.pk,
            unit_id=inventory.unit_id,
            before=before,
            after={key: None for key in before},
            note=note,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0002_plan_default_catalogue"),
        ("assessments", "0006_criterion_saves"),
        ("audit", "0001_initial"),
        ("frameworks", "0001_initial"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
