"""The OpenAPI 3 description of the API, served at /api/v1/schema.json.

Response schemas are exact (every property required, no others) so that a client, and the
fuzzer (`make fuzz`), can hold the server to them. The facts' schema is built from the shipped
frameworks, so a new decision's facts appear here without editing this file.
"""

from __future__ import annotations

from typing import Any

from chiso import rubric

MAX_ID = 2**31 - 1
MAX_COUNT = 1_000_000  # teachers, classrooms, materials: far above any institution
MAX_NUMBER = 1_000_000_000
MAX_TEXT = 2000
MAX_REASON = 2000
MAX_ITEMS = 200  # items and criteria a return names: an index has a few dozen
# OpenAPI 3.0: a nullable enum lists null among its values.
LEVEL = {"type": "integer", "enum": [1, 2, 3, None], "nullable": True}
# Text sent in: no NUL (PostgreSQL cannot store it); C0 controls are dropped, so a reason that
# must be written needs one character that is neither one of them nor a space.
NO_NUL = "^[^\\x00]*$"
WRITTEN = "^[^\\x00]*[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\s][^\\x00]*$"
STATUSES = ["draft", "submitted", "returned", "recognised", "published"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
DOCUMENT_NAMES = [
    "bao-cao.docx",
    "phu-luc.xlsx",
    "quyet-dinh-hoi-dong.docx",
    "bien-ban.docx",
    "quyet-dinh-phe-duyet.docx",
    "ke-hoach.docx",
    "bao-cao-nam.docx",
    "hien-trang-cntt.xlsx",
]
DOCUMENT_NAMES += [n.replace(".docx", ".pdf") for n in DOCUMENT_NAMES if n.endswith(".docx")]
DOCUMENT_KINDS = [
    "report",
    "appendix",
    "council",
    "minutes",
    "approval",
    "plan",
    "yearly_report",
    "inventory",
    "consolidated",
    "level_statistics",
    "periodic_report",
]
EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg", DOCX, XLSX]


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def exact(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object with exactly these properties (all required unless named optional)."""
    return {
        "type": "object",
        "required": [k for k in properties if k not in optional],
        "properties": properties,
        "additionalProperties": False,
    }


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "nullable": True}


INT = {"type": "integer"}
COUNT = {"type": "integer", "minimum": 0}
STR = {"type": "string"}
NUMBER = {"type": "number"}
BOOL = {"type": "boolean"}
ERROR_STATUSES = {
    400: "Tham số hoặc nội dung gửi lên không hợp lệ",
    401: "Thiếu khóa API hoặc khóa không hợp lệ",
    403: "Vai trò không cho phép thao tác (hoặc ghi bằng phiên trình duyệt)",
    404: "Không có, hoặc ngoài phạm vi của người dùng (như nhau)",
    409: "Phiên bản cũ, hoặc trạng thái hiện tại không cho phép",
    415: "Nội dung gửi lên không phải JSON",
    422: "Dữ kiện không thuộc bộ chỉ số của bản đánh giá, hoặc sai kiểu theo bộ chỉ số đó",
    503: "Máy chủ chưa chuyển được sang PDF (thiếu LibreOffice): hãy tải bản DOCX",
}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(code): {
            "description": ERROR_STATUSES[code],
            "content": {"application/json": {"schema": ref("Error")}},
        }
        for code in (401, 404, *codes)
    }


def json_responses(schema: str, *codes: int) -> dict[str, Any]:
    ok = {"description": "OK", "content": {"application/json": {"schema": ref(schema)}}}
    return {"200": ok, **_errors(*codes)}


def file_responses(content_types: list[str], *codes: int) -> dict[str, Any]:
    binary = {"schema": {"type": "string", "format": "binary"}}
    ok = {
        "description": "Tệp tải về (Content-Disposition: attachment)",
        "content": {t: binary for t in content_types},
    }
    return {"200": ok, **_errors(*codes)}


def _id_param(name: str, where: str = "path") -> dict[str, Any]:
    schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    return {"name": name, "in": where, "required": where == "path", "schema": schema}


PK = _id_param("pk")
EVIDENCE_ID = _id_param("evidence_id")
PAGE = _id_param("page", "query")
CAMPAIGN = {
    **_id_param("campaign", "query"),
    "description": "Đợt đánh giá (mặc định: đợt đang mở, nếu không thì đợt mới nhất)",
}
SCHOOL_YEAR = {
    "name": "school_year",
    "in": "query",
    "description": "Năm học, ví dụ 2025-2026 (thay cho campaign)",
    "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{4}$"},
}
FORMAT = {
    "name": "format",
    "in": "query",
    "schema": {"type": "string", "enum": ["xlsx", "docx"], "default": "xlsx"},
}


def _fact_schema(spec: Any, *, request: bool) -> dict[str, Any] | None:
    if spec.type == "figure":  # a roll-up: computed from the units below, never sent in
        figure = exact({"numerator": {"type": "string", "pattern": "^[0-9]+(/[0-9]+)?$"},
                        "denominator": COUNT})  # fmt: skip
        return None if request else {**figure, "nullable": True, "description": spec.label}
    if spec.type == "bool":
        schema: dict[str, Any] = dict(BOOL)
    elif spec.type == "count":
        schema = {**COUNT, "maximum": MAX_COUNT} if request else dict(COUNT)
    elif spec.type == "choice":
        schema = {"type": "string", "enum": [*(key for key, _ in spec.options), None]}
    elif spec.type == "number":
        schema = {**NUMBER, "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER} if request else NUMBER
    else:
        schema = {**STR, "maxLength": MAX_TEXT, "pattern": NO_NUL} if request else dict(STR)
    return {**schema, "nullable": True, "description": spec.label}


def facts_schema(*, request: bool) -> dict[str, Any]:
    """Every fact of the shipped indices, typed; a fact two indices type differently takes
    either type. Other ids (a local index may add facts) take any plain value. Which facts an
    assessment takes is its own index's: the server answers 422 for one that does not fit."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for framework_id in rubric.available_frameworks():
        for spec in rubric.load_framework(framework_id).facts:
            schema = _fact_schema(spec, request=request)
            if schema is None:
                continue
            known = by_id.setdefault(spec.id, [])
            if all(s != schema for s in known):
                known.append(schema)
    properties = {k: v[0] if len(v) == 1 else {"anyOf": v} for k, v in sorted(by_id.items())}
    text = {**STR, "maxLength": MAX_TEXT} if request else STR
    plain = {"anyOf": [nullable(BOOL), nullable(NUMBER), nullable(text)]}
    return {"type": "object", "properties": properties, "additionalProperties": plain}


FINDING = exact({"severity": {"type": "string", "enum": ["error", "warning", "info"]},
                 "where": STR, "message": STR, "code": STR})  # fmt: skip
NUMBER_OR_NULL = nullable(NUMBER)
# The engine's results: what is listed is always there; the engine may add more.
ITEM_RESULT = {
    "type": "object",
    "required": ["id", "cap", "awarded", "status", "explanation", "reason", "missing"],
    "properties": {
        "id": STR, "cap": NUMBER_OR_NULL, "awarded": NUMBER_OR_NULL, "status": STR,
        "explanation": STR, "reason": STR, "missing": {"type": "array", "items": STR},
    },
}  # fmt: skip
CRITERION_RESULT = {
    "type": "object",
    "required": ["id", "kind", "explanation"],
    "properties": {
        "id": STR, "kind": {"type": "string", "enum": ["scored", "mandatory"]},
        "explanation": STR, "met": nullable(BOOL), "points": NUMBER_OR_NULL, "level": LEVEL,
        "max": NUMBER, "cap": NUMBER_OR_NULL, "complete": BOOL,
        "items": {"type": "array", "items": ref("ItemResult")},
    },
}  # fmt: skip
GROUP_RESULT = {
    "type": "object",
    "required": ["id", "points", "level", "mandatory_met", "max", "rule_level", "complete",
                 "explanation", "criteria", "mandatory"],
    "properties": {
        "id": STR, "points": NUMBER, "level": LEVEL, "mandatory_met": nullable(BOOL),
        "max": NUMBER, "rule_level": LEVEL, "complete": BOOL, "explanation": STR,
        "criteria": {"type": "array", "items": ref("CriterionResult")},
        "mandatory": {"type": "array", "items": ref("CriterionResult")},
    },
}  # fmt: skip
SCORECARD = {
    "type": "object",
    "required": ["framework", "groups", "overall", "missing_facts", "findings"],
    "properties": {
        "framework": STR,
        "groups": {"type": "array", "items": ref("GroupResult")},
        # points, max, rule_level and explanation: when the levels are set on the whole total
        "overall": exact(
            {
                "level": LEVEL,
                "convention": STR,
                "points": NUMBER,
                "max": NUMBER,
                "rule_level": LEVEL,
                "explanation": STR,
            },
            optional=("points", "max", "rule_level", "explanation"),
        ),
        "missing_facts": {"type": "array", "items": STR},
        "findings": {"type": "array", "items": ref("Finding")},
    },
}

ASSESSMENT = {
    "id": INT, "unit_id": INT, "campaign_id": INT,
    "status": {"type": "string", "enum": STATUSES}, "version": {"type": "integer", "minimum": 1},
    "group1_points": NUMBER_OR_NULL, "group1_level": LEVEL,
    "group2_points": NUMBER_OR_NULL, "group2_level": LEVEL,
    "overall_level": LEVEL, "completeness": {"type": "integer", "minimum": 0, "maximum": 100},
}  # fmt: skip
EVIDENCE = exact({
    "id": INT, "target": STR, "kind": {"type": "string", "enum": ["file", "link"]},
    "title": STR, "original_name": STR, "content_type": STR, "size": COUNT, "url": STR,
    "created_at": {"type": "string", "format": "date-time"},
    "captured_at": nullable({"type": "string", "format": "date-time"}),
    "captured_status": nullable(COUNT), "captured_title": STR, "captured_error": STR,
    "file": nullable({"type": "string", "description": "đường dẫn API tải tệp"}),
    "capture": nullable({"type": "string", "description": "đường dẫn API tải bản lưu của link"}),
})  # fmt: skip
ISSUED = exact({
    "id": INT, "number": STR, "issued_on": STR, "title": STR, "signer": STR,
    "kind": {"type": "string", "enum": ["consolidated", "level_statistics", "periodic", "assessment"]},
    "campaign_id": nullable(INT), "replaces": nullable(INT), "replaced_by": nullable(INT),
    "figures": {"type": "object"}, "sha256": STR, "file": STR,
})  # fmt: skip
LEVEL_COUNTS = exact({str(level): COUNT for level in (1, 2, 3)})
STATUS_COUNTS = exact({s: COUNT for s in ["not_started", *STATUSES]})
DASHBOARD_LINE = exact({
    "label": STR, "unit_id": nullable(INT), "institution_type": nullable(STR),
    "total": COUNT, "counted": COUNT, "sentence": STR, "late": COUNT,
    "statuses": ref("StatusCounts"),
    "levels": exact({m: ref("LevelCounts") for m in ("group1", "group2", "overall")}),
})  # fmt: skip
DASHBOARD = exact({
    "office": ref("Unit"), "campaign": ref("Campaign"),
    "basis": {"type": "string", "enum": ["checked", "submitted", "all"]}, "basis_note": STR,
    "counted_statuses": {"type": "array", "items": {"type": "string", "enum": STATUSES}},
    "overall": ref("DashboardLine"),
    "by_type": {"type": "array", "items": ref("DashboardLine")},
    "by_sub_unit": {"type": "array", "items": ref("DashboardLine")},
    "years": {"type": "array", "items": exact({
        "campaign_id": INT, "school_year": STR, "total": COUNT, "counted": COUNT,
        "statuses": ref("StatusCounts"), "overall_levels": ref("LevelCounts"),
    })},
    "weakest_criteria": {"type": "array", "items": exact({
        "id": STR, "title": STR, "average": NUMBER, "maximum": NUMBER, "percent": NUMBER,
    })},
})  # fmt: skip


def _page(item: str) -> dict[str, Any]:
    return exact(
        {
            "count": COUNT,
            "page": {"type": "integer", "minimum": 1},
            "pages": COUNT,
            "results": {"type": "array", "items": ref(item)},
        }
    )


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _get(summary: str, parameters: list[Any], responses: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


BASIS = {
    "name": "basis",
    "in": "query",
    "description": "Kết quả được tính: checked (mặc định: đã công nhận, đã công bố), submitted "
    "(gồm cả đã nộp), all (kể cả bản đang soạn)",
    "schema": {"type": "string", "enum": ["checked", "submitted", "all"]},
}
OFFICE_PARAMS = [PK, CAMPAIGN, SCHOOL_YEAR, BASIS]
PATHS: dict[str, Any] = {
    "/api/v1/units/": _get("Các đơn vị được xem", [PAGE], json_responses("UnitPage", 400)),
    "/api/v1/campaigns/": _get("Các đợt đánh giá", [PAGE], json_responses("CampaignPage", 400)),
    "/api/v1/assessments/": _get(
        "Các bản đánh giá được xem",
        [
            PAGE,
            _id_param("campaign", "query"),
            _id_param("unit", "query"),
            {"name": "status", "in": "query", "schema": {"type": "string", "enum": STATUSES}},
        ],
        json_responses("AssessmentPage", 400),
    ),
    "/api/v1/assessments/{pk}/": _get(
        "Một bản đánh giá: dữ kiện, điểm, mức, minh chứng", [PK], json_responses("AssessmentDetail")
    ),
    "/api/v1/assessments/{pk}/facts/": {
        "post": {
            "summary": "Lưu dữ kiện (chấm lại ngay); phiên bản cũ bị từ chối (409)",
            "parameters": [PK],
            "requestBody": _json_body(
                {
                    "oneOf": [
                        exact(
                            {
                                "version": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                                "facts": ref("FactsInput"),
                            }
                        ),
                        exact(
                            {
                                "criteria": {
                                    "type": "object",
                                    "description": "Mã tiêu chí → phiên bản của tiêu chí đang "
                                    "sửa (thay cho version): chỉ bị từ chối khi chính tiêu chí "
                                    "đó đã đổi",
                                    "minProperties": 1,
                                    "additionalProperties": {
                                        "type": "integer",
                                        "minimum": 0,
                                        "maximum": MAX_ID,
                                    },
                                },
                                "facts": ref("FactsInput"),
                            }
                        ),
                    ]
                }
            ),
            "responses": json_responses("Assessment", 400, 403, 409, 415, 422),
        }
    },
    "/api/v1/assessments/{pk}/transitions/": {
        "post": {
            "summary": "Chuyển trạng thái: nộp, trả lại (có lý do, và lý do của từng mục trả "
            "lại), công nhận, công bố, mở lại kết quả đã công nhận (có lý do). Trả lại thiếu lý "
            "do của mục nào: 409 missing_reasons, error.missing liệt kê các mục đó, chưa lưu gì",
            "parameters": [PK],
            "requestBody": _json_body(
                {
                    "oneOf": [
                        exact(
                            {
                                "action": {
                                    "type": "string",
                                    "enum": ["submit", "recognise", "publish"],
                                },
                                "reason": {
                                    "type": "string",
                                    "maxLength": MAX_REASON,
                                    "pattern": NO_NUL,
                                },
                            },
                            optional=("reason",),
                        ),
                        exact(
                            {
                                "action": {"type": "string", "enum": ["return"]},
                                "reason": {
                                    "type": "string",
                                    "maxLength": MAX_REASON,
                                    "pattern": WRITTEN,
                                },
                                "items": {
                                    "type": "object",
                                    "description": "Mã mục hoặc tiêu chí → lý do cần bổ sung "
                                    "(như ô «Lý do» của màn hình thẩm định; để trống thì dùng lý "
                                    "do đã ghi khi thẩm định). Mục không có trong bộ chỉ số: 409",
                                    "maxProperties": MAX_ITEMS,
                                    "additionalProperties": {
                                        "type": "string",
                                        "maxLength": MAX_REASON,
                                        "pattern": NO_NUL,
                                    },
                                },
                                "flagged": {
                                    "type": "array",
                                    "description": "Mã các mục, tiêu chí đánh dấu «Cần bổ sung»: "
                                    "mỗi mục cần lý do (trong items, hoặc lý do đã ghi khi thẩm "
                                    "định)",
                                    "maxItems": MAX_ITEMS,
                                    "items": STR,
                                },
                            },
                            optional=("items", "flagged"),
                        ),
                        exact(
                            {
                                "action": {"type": "string", "enum": ["reopen"]},
                                "reason": {
                                    "type": "string",
                                    "maxLength": MAX_REASON,
                                    "pattern": WRITTEN,
                                },
                            }
                        ),
                    ]
                }
            ),
            "responses": json_responses("Assessment", 400, 403, 409, 415),
        }
    },
    "/api/v1/assessments/{pk}/documents/": _get(
        "Các văn bản của bản đánh giá và của đơn vị trong năm học (báo cáo, phụ lục, quyết định, "
        "biên bản, kế hoạch, báo cáo năm, hiện trạng CNTT), DOCX và PDF: tên, loại, đường dẫn",
        [PK],
        json_responses("DocumentList"),
    ),
    "/api/v1/assessments/{pk}/documents/{name}": _get(
        "Văn bản của bản đánh giá: báo cáo, phụ lục, quyết định, biên bản, kế hoạch, báo cáo năm, "
        "hiện trạng CNTT (như trên màn hình; .pdf cho bản PDF)",
        [
            PK,
            {
                "name": "name",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "enum": DOCUMENT_NAMES},
            },
        ],
        file_responses([DOCX, XLSX, PDF], 503),
    ),
    "/api/v1/offices/{pk}/documents/": _get(
        "Các văn bản của phòng/sở: bảng tổng hợp, thống kê mức độ (XLSX, DOCX, PDF), các báo cáo "
        "định kỳ (DOCX, PDF): tên, loại, đường dẫn",
        OFFICE_PARAMS,
        json_responses("OfficeDocumentList", 400),
    ),
    "/api/v1/offices/{pk}/documents/{name}": _get(
        "Một văn bản của phòng/sở (tên như trong danh sách)",
        [
            *OFFICE_PARAMS,
            {
                "name": "name",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "maxLength": 100},
            },
        ],
        file_responses([DOCX, XLSX, PDF], 400, 503),
    ),
    "/api/v1/assessments/{pk}/evidence/": _get(
        "Minh chứng của bản đánh giá (thông tin, không gồm tệp)",
        [PK],
        json_responses("EvidenceList"),
    ),
    "/api/v1/assessments/{pk}/evidence/{evidence_id}/file": _get(
        "Tệp minh chứng", [PK, EVIDENCE_ID], file_responses(EVIDENCE_TYPES)
    ),
    "/api/v1/assessments/{pk}/evidence/{evidence_id}/capture": _get(
        "Bản lưu của đường link lúc nộp",
        [PK, EVIDENCE_ID],
        file_responses(["application/octet-stream"]),
    ),
    "/api/v1/units/{pk}/issued/": _get(
        "Sổ văn bản đi của đơn vị: văn bản đã ban hành (số, ngày, người ký, số liệu, tệp)",
        [PK],
        json_responses("IssuedList"),
    ),
    "/api/v1/issued/{pk}/file": _get(
        "Tệp của văn bản đã ban hành, đúng như lúc ban hành",
        [PK],
        file_responses([DOCX, XLSX]),
    ),
    "/api/v1/dashboards/{pk}/": _get(
        "Tổng quan của phòng/sở: mức theo nhóm, loại hình, đơn vị trực thuộc; trạng thái; trễ hạn; "
        "tiêu chí yếu nhất; các năm học",
        OFFICE_PARAMS,
        json_responses("Dashboard", 400),
    ),
    "/api/v1/exports/{pk}/consolidated/": _get(
        "Bảng tổng hợp kết quả của các đơn vị (như màn hình: XLSX hoặc DOCX)",
        [*OFFICE_PARAMS, FORMAT],
        file_responses([XLSX, DOCX], 400),
    ),
    "/api/v1/exports/{pk}/level-statistics/": _get(
        "Thống kê mức độ theo nhóm, loại hình, đơn vị trực thuộc (XLSX hoặc DOCX)",
        [*OFFICE_PARAMS, FORMAT],
        file_responses([XLSX, DOCX], 400),
    ),
}

SCHEMA: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "chiso API",
        "version": "1",
        "description": "Đơn vị, đợt đánh giá, bản đánh giá, tổng quan và tệp xuất: cùng phạm vi "
        'và quyền như giao diện. Lỗi: {"error": {"code", "message", "fields"}} (và "current" '
        'khi lưu trên phiên bản cũ, "missing" khi trả lại thiếu lý do của mục).',
    },
    "security": [{"token": []}],
    "paths": PATHS,
    "components": {
        "securitySchemes": {
            "token": {
                "type": "http",
                "scheme": "bearer",
                "description": "manage.py api_token TÀI_KHOẢN TÊN_ỨNG_DỤNG",
            }
        },
        "schemas": {
            "Error": exact(
                {
                    "error": exact(
                        {
                            "code": STR,
                            "message": STR,
                            "fields": {"type": "object", "additionalProperties": STR},
                            "current": ref("Current"),
                            "missing": {"type": "array", "items": STR},
                        },
                        optional=("fields", "current", "missing"),
                    )
                }
            ),
            "Unit": exact(
                {
                    "id": INT,
                    "code": nullable(STR),
                    "name": STR,
                    "kind": {"type": "string", "enum": ["bo", "so", "phong", "co_so"]},
                    "institution_type": STR,
                    "parent_id": nullable(INT),
                }
            ),
            "Campaign": exact(
                {
                    "id": INT,
                    "name": STR,
                    "school_year": STR,
                    "framework": STR,
                    "is_open": BOOL,
                    "owner_id": INT,
                }
            ),
            "Current": exact(
                {
                    "version": INT,
                    "criteria": {
                        "type": "object",
                        "additionalProperties": exact(
                            {
                                "version": COUNT,
                                "saved_by": STR,
                                "saved_at": nullable(STR),
                                "facts": {"type": "object"},
                                "points": nullable(NUMBER),
                            }
                        ),
                    },
                }
            ),
            "Assessment": exact(ASSESSMENT),
            "AssessmentDetail": exact(
                {
                    **ASSESSMENT,
                    "facts": ref("Facts"),
                    "criteria": {"type": "object", "additionalProperties": COUNT},
                    "awards": {
                        "type": "object",
                        "additionalProperties": exact({"points": NUMBER, "reason": STR}),
                    },
                    "scorecard": ref("Scorecard"),
                    "evidence": {"type": "array", "items": ref("Evidence")},
                }
            ),
            "Facts": facts_schema(request=False),
            "FactsInput": facts_schema(request=True),
            "Scorecard": SCORECARD,
            "GroupResult": GROUP_RESULT,
            "CriterionResult": CRITERION_RESULT,
            "ItemResult": ITEM_RESULT,
            "Finding": FINDING,
            "Evidence": EVIDENCE,
            "EvidenceList": exact({"results": {"type": "array", "items": ref("Evidence")}}),
            "Issued": ISSUED,
            "IssuedList": exact({"results": {"type": "array", "items": ref("Issued")}}),
            "Document": exact(
                {
                    "name": {"type": "string"},
                    "title": {"type": "string"},
                    "kind": {"type": "string", "enum": DOCUMENT_KINDS},
                    "format": {"type": "string", "enum": ["docx", "xlsx", "pdf"]},
                    "content_type": {"type": "string"},
                    "url": {"type": "string"},
                }
            ),
            "DocumentList": exact({"results": {"type": "array", "items": ref("Document")}}),
            "OfficeDocumentList": exact(
                {
                    "campaign_id": {"type": "integer"},
                    "results": {"type": "array", "items": ref("Document")},
                }
            ),
            "Dashboard": DASHBOARD,
            "DashboardLine": DASHBOARD_LINE,
            "LevelCounts": LEVEL_COUNTS,
            "StatusCounts": STATUS_COUNTS,
            **{f"{name}Page": _page(name) for name in ("Unit", "Campaign", "Assessment")},
        },
    },
}
