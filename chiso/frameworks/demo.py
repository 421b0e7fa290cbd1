"""Demo frameworks (seed_demo): Hải Phòng's kindergarten index adapted from 4725 (published) and
a draft of 4725's next version, made through the real actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chiso.frameworks import actions, documents
from chiso.frameworks.models import FrameworkVersion
from chiso.units.models import Unit

LOCAL_ID = "hp-mamnon-2026"
LOCAL_TITLE = (
    "Bộ chỉ số đánh giá mức độ chuyển đổi số của cơ sở giáo dục mầm non thành phố Hải Phòng "
    "(điều chỉnh từ Quyết định 4725/QĐ-BGDĐT; dữ liệu minh họa)"
)


def _criterion(data: dict[str, Any], criterion_id: str) -> dict[str, Any]:
    return next(c for g in data["groups"] for c in g["criteria"] if c["id"] == criterion_id)


def seed(so: Unit, admin: Any, so_head: Any) -> None:
    """Create the two demo versions unless they exist (`admin`: the national role)."""
    national = FrameworkVersion.objects.get(framework_id="qd4725-2022", version=1)
    if not FrameworkVersion.objects.filter(framework_id=LOCAL_ID).exists():
        local = actions.copy_as_local(national, framework_id=LOCAL_ID, owner=so, by=so_head)
        data = documents.parse(local.text)
        data["applies_to"] = ["MN"]
        data["decision"]["title"] = LOCAL_TITLE
        # Kindergartens build fewer digital materials: 1.4's bands are lowered (10 and 20).
        bands = _criterion(data, "1.4")["items"][0]["rule"]["bands"]
        bands[0]["below"], bands[1]["from"], bands[1]["to"], bands[2]["above"] = 10, 10, 20, 20
        _criterion(data, "1.5")["items"][0]["title"] = (
            "Có tổ chức cho trẻ làm quen, trải nghiệm ứng dụng CNTT trên máy tính, thiết bị "
            "trình chiếu (phần mềm, máy tính kết nối mạng LAN)"
        )
        local, _kept = actions.save_data(local, data, by=so_head, revision=local.revision)
        actions.publish(
            local,
            by=so_head,
            decision_number="125/QĐ-SGDĐT",
            decision_date=dt.date(2026, 8, 15),
            issuer="Sở Giáo dục và Đào tạo Hải Phòng",
        )
    if not FrameworkVersion.objects.filter(framework_id="qd4725-2022", version=2).exists():
        draft = actions.copy_as_new_version(national, by=admin)
        data = documents.parse(draft.text)
        # A reading under discussion: exactly 40 materials earns the top band.
        bands = _criterion(data, "1.4")["items"][0]["rule"]["bands"]
        bands[1] = {"from": 20, "below": 40, "cap": 6}
        bands[2] = {"from": 40, "cap": 10}
        actions.save_data(draft, data, by=admin, revision=draft.revision)
