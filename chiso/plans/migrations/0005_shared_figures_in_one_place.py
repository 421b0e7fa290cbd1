"""One fact, one place: the report figures the index also has (teachers, digital signatures,
statistics reports) move into the year's assessment, which holds them from now on.

No value is lost: a figure the assessment does not have moves into it (a draft or a returned one;
a submitted assessment stays as submitted, and the figure stays in «Số liệu báo cáo»); where both
have a value and they disagree, the assessment's wins and the figure's is kept in the audit
history of the figures (verb "plans.figures.merged"), as is every value moved.
"""

from django.db import migrations

from chiso import rubric
from chiso.assessments import scoring
from chiso.assessments.models import FIGURE_FIELDS

SHARED = {
    "teachers_total": "teachers_total",
    "digital_signatures": "teachers_with_digital_signature",
    "stats_start": "stats_report_start_of_year",
    "stats_end": "stats_report_end_of_year",
}
UNSET = {"teachers_total": None, "digital_signatures": None, "stats_start": "", "stats_end": ""}
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


def _rescored(framework, assessment):
    """Store the row's figures after its facts changed; False when the facts do not score."""
    try:
        card = rubric.score(framework, assessment.facts, assessment.awards)
    except rubric.InvalidInput:
        return False
    scoring.store_figures(assessment, card)
    return True


def merge(apps, schema_editor):
    Figures = apps.get_model("plans", "Figures")
    Assessment = apps.get_model("assessments", "Assessment")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for figures in Figures.objects.order_by("pk"):
        kept = {n: getattr(figures, n) for n in SHARED if getattr(figures, n) not in (None, "")}
        if not kept:
            continue
        assessment = (
            Assessment.objects.filter(
                unit_id=figures.unit_id, campaign__school_year=figures.school_year
            )
            .select_related("campaign")
            .order_by("-campaign__created_at")
            .first()
        )
        framework = _framework(apps, assessment.campaign) if assessment is not None else None
        if framework is None:
            continue
        facts = dict(assessment.facts)
        cleared, disagreed, moved = {}, {}, {}
        for name, value in kept.items():
            fact = SHARED[name]
            if not framework.has_fact(fact):
                continue
            if fact in facts:
                cleared[name] = value
                if facts[fact] != value:
                    disagreed[name] = (value, facts[fact])
            elif assessment.status in EDITABLE:
                facts[fact] = value
                moved[name] = value
        if moved:
            original = assessment.facts
            assessment.facts = facts
            if _rescored(framework, assessment):
                assessment.version += 1
                assessment.save(update_fields=["facts", "version", *FIGURE_FIELDS])
                AuditEntry.objects.create(
                    verb="assessment.edit",
                    target_type="assessments.assessment",
                    target_id=assessment.pk,
                    unit_id=assessment.unit_id,
                    before={f"fact:{SHARED[n]}": None for n in moved},
                    after={f"fact:{SHARED[n]}": v for n, v in moved.items()},
                    note="số liệu báo cáo chuyển vào bản đánh giá (một số liệu, một nơi lưu)",
                )
                cleared.update(moved)
            else:  # the figures contradict the answers: both stay, nothing moves
                assessment.facts = original
        if not cleared:
            continue
        for name in cleared:
            setattr(figures, name, UNSET[name])
        figures.save(update_fields=list(cleared))
        note = "số liệu dùng chung nay chỉ lưu trong bản đánh giá năm học " + figures.school_year
        if disagreed:
            note += "; khác nhau, giữ giá trị của bản đánh giá: " + "; ".join(
                f"{SHARED[n]}: số liệu báo cáo {old}, bản đánh giá {new}"
                for n, (old, new) in disagreed.items()
            )
        AuditEntry.objects.create(
            verb="plans.figures.merged",
            target_type="plans.figures",
            target_id=figures.pk,
            unit_id=figures.unit_id,
            before=cleared,
            after={n: UNSET[n] for n in cleared},
            note=note,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_plan_sections"),
        ("assessments", "0006_criterion_saves"),
        ("audit", "0001_initial"),
        ("frameworks", "0001_initial"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
