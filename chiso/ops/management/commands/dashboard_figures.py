import json

from django.core.management.base import BaseCommand

from chiso.ops.figures import dashboard_figures


class Command(BaseCommand):
    help = "In số liệu bảng điều khiển của mọi phòng/sở (JSON), để so sánh sau khi khôi phục"

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        self.stdout.write(json.dumps(dashboard_figures(), ensure_ascii=False, sort_keys=True))
