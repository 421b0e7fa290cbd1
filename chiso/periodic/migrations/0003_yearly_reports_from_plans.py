"""One outline system: the yearly-report outlines and reports of chiso.plans move here.

An office's outline is rewritten in this app's syntax: a field "- label" becomes a section
written in the app ("[viết: label]"); a field with figures keeps its line, figures renamed
("[lms]" → "{co_lms}"), followed by a section for what the institution wrote beside it; a
figure alone on its line becomes a table ("[bảng: …]"). Each report becomes a report of the
period "năm học …" whose written sections hold what it wrote in each field, in order. The
national sample of the old syntax gives way to the curated sample (chiso/periodic/builtin.py);
reports made on it keep their own converted text. Nothing is deleted here (plans 0003 does).
"""

import re

from django.db import migrations

PLACEHOLDER = re.compile(r"\[([a-z_]+)\]")
FIGURES = {
    "online_teaching_plan": "{co_ke_hoach_truc_tuyen}",
    "plan_number": "{so_ke_hoach}",
    "lms": "{co_lms}",
    "digital_materials": "{hoc_lieu_so}",
    "computer_exams": "{co_thi_tren_may}",
    "e_records": "sổ điểm điện tử: {co_so_diem}; học bạ điện tử: {co_hoc_ba_so}",
    "stats_reports": "{bao_cao_thong_ke}",
    "cashless_percent": "{ty_le_hs_khong_tien_mat}",
    "software": "{phan_mem}",
    "dcs_levels": "{ket_qua_tu_danh_gia}",
    "digital_signatures": "{chu_ky_so}",
}
TABLES = {"training": "tap_huan", "inventory_totals": "hien_trang_cntt"}


def convert(body):
    """The outline in the new syntax, and the old field labels in the order of its sections."""
    lines, fields = [], []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        keys = PLACEHOLDER.findall(line)
        tables = [f"[bảng: {TABLES[k]}]" for k in keys if k in TABLES]
        text = PLACEHOLDER.sub(lambda m: FIGURES.get(m[1], ""), line)
        if line.startswith("#"):
            lines.append(text)
        elif line.startswith("- "):
            label = line[2:].strip()
            plain = PLACEHOLDER.sub("", label).rstrip(" :;,").strip() or label
            if keys:
                lines.append(text.rstrip())
                lines.extend(tables)
            lines.append(f"[viết: {plain}]")
            fields.append(label)
        elif PLACEHOLDER.fullmatch(line):
            lines.extend(tables or [text])
        else:
            lines.append(text)
            lines.extend(tables)
    return "\n".join(lines) + "\n", fields


def forward(apps, schema_editor):
    OldOutline = apps.get_model("plans", "ReportOutline")
    OldReport = apps.get_model("plans", "YearlyReport")
    Outline = apps.get_model("periodic", "ReportOutline")
    Report = apps.get_model("periodic", "PeriodicReport")
    Campaign = apps.get_model("assessments", "Campaign")
    Unit = apps.get_model("units", "Unit")
    moved = {}
    for old in OldOutline.objects.all():
        text, fields = convert(old.body)
        subject = old.title.replace("{year}", "{nam_hoc}")
        new = None
        if old.owner_id is not None:
            new = Outline.objects.create(
                owner_id=old.owner_id,
                title=old.title.replace("{year}", "").strip(" -–")[:255] or "Báo cáo năm học",
                subject=subject[:500],
                for_subunits=True,
                text=text,
            )
        moved[old.pk] = (new, text, fields, subject)
    for old in OldReport.objects.all():
        outline, text, fields, subject = moved[old.outline_id]
        unit = Unit.objects.get(pk=old.unit_id)
        ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
        campaign = (
            Campaign.objects.filter(
                school_year=old.school_year, audience="institutions", owner_id__in=ancestors
            )
            .order_by("-school_year", "name")
            .first()
        )
        writings = {
            str(n): old.answers[label] for n, label in enumerate(fields) if old.answers.get(label)
        }
        Report.objects.create(
            unit_id=old.unit_id,
            outline=outline,
            campaign=campaign,
            period=f"năm học {old.school_year}",
            title=(outline.title if outline else "Báo cáo năm học")[:255],
            subject=subject[:500],
            outline_text=text,
            writings=writings,
            created_by_id=old.updated_by_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("periodic", "0002_outline_without_owner"),
        ("plans", "0002_plan_s4_outline"),
        ("assessments", "0004_campaign_audience"),
        ("units", "0001_initial"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
