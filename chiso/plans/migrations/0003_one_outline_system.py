from django.db import migrations


class Migration(migrations.Migration):
    # The outlines and reports moved to chiso.periodic first (its migration 0003).
    dependencies = [
        ("periodic", "0003_yearly_reports_from_plans"),
        ("plans", "0002_plan_s4_outline"),
    ]

    operations = [
        migrations.DeleteModel(name="YearlyReport"),
        migrations.DeleteModel(name="ReportOutline"),
    ]
