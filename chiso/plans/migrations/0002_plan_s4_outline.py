from django.db import migrations


def load(apps, schema_editor):
    from chiso.plans.outline import S4_OUTLINE

    Outline = apps.get_model("plans", "ReportOutline")
    if not Outline.objects.filter(owner=None).exists():
        Outline.objects.create(
            owner=None,
            title=(
                "Báo cáo tổng kết đánh giá tình hình triển khai nhiệm vụ ứng dụng CNTT "
                "và chuyển đổi số năm học {year}"
            ),
            body=S4_OUTLINE,
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
