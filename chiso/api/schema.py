"""The OpenAPI 3 description of the API, served at /api/v1/schema.json."""

from typing import Any

ERROR = {"$ref": "#/components/schemas/Error"}


def _responses(ok: str, *codes: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ok}"}}},
        }
    }
    for code in (401, 404, *codes):
        out[str(code)] = {"description": "Lỗi", "content": {"application/json": {"schema": ERROR}}}
    return out


PK = {"name": "pk", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
PAGE = {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}

SCHEMA: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "chiso API",
        "version": "1",
        "description": "Đơn vị, đợt đánh giá, bản đánh giá: cùng phạm vi và quyền như giao diện.",
    },
    "security": [{"token": []}],
    "paths": {
        "/api/v1/units/": {
            "get": {
                "summary": "Các đơn vị được xem",
                "parameters": [PAGE],
                "responses": _responses("UnitPage", 400),
            }
        },
        "/api/v1/campaigns/": {
            "get": {
                "summary": "Các đợt đánh giá",
                "parameters": [PAGE],
                "responses": _responses("CampaignPage", 400),
            }
        },
        "/api/v1/assessments/": {
            "get": {
                "summary": "Các bản đánh giá được xem",
                "parameters": [
                    PAGE,
                    {
                        "name": "campaign",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1},
                    },
                    {"name": "unit", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {
                            "type": "string",
                            "enum": ["draft", "submitted", "returned", "recognised", "published"],
                        },
                    },
                ],
                "responses": _responses("AssessmentPage", 400),
            }
        },
        "/api/v1/assessments/{pk}/": {
            "get": {
                "summary": "Một bản đánh giá: dữ kiện, điểm, mức, minh chứng",
                "parameters": [PK],
                "responses": _responses("AssessmentDetail"),
            }
        },
        "/api/v1/assessments/{pk}/facts/": {
            "post": {
                "summary": "Lưu dữ kiện (chấm lại ngay); phiên bản cũ bị từ chối (409)",
                "parameters": [PK],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["version", "facts"],
                                "properties": {
                                    "version": {"type": "integer"},
                                    "facts": {"type": "object"},
                                },
                            }
                        }
                    },
                },
                "responses": _responses("Assessment", 400, 403, 409),
            }
        },
        "/api/v1/assessments/{pk}/transitions/": {
            "post": {
                "summary": "Chuyển trạng thái: nộp, trả lại (có lý do), công nhận, công bố",
                "parameters": [PK],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["action"],
                                "properties": {
                                    "action": {
                                        "type": "string",
                                        "enum": ["submit", "return", "recognise", "publish"],
                                    },
                                    "reason": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": _responses("Assessment", 400, 403),
            }
        },
    },
    "components": {
        "securitySchemes": {
            "token": {
                "type": "http",
                "scheme": "bearer",
                "description": "manage.py api_token TÀI_KHOẢN TÊN_ỨNG_DỤNG",
            }
        },
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "fields": {"type": "object"},
                        },
                    }
                },
            },
            "Unit": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "code": {"type": "string", "nullable": True},
                    "name": {"type": "string"},
                    "kind": {"type": "string"},
                    "institution_type": {"type": "string"},
                    "parent_id": {"type": "integer", "nullable": True},
                },
            },
            "Campaign": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "school_year": {"type": "string"},
                    "framework": {"type": "string"},
                    "is_open": {"type": "boolean"},
                    "owner_id": {"type": "integer"},
                },
            },
            "Assessment": {
                "type": "object",
                "properties": {
                    k: {"type": t, "nullable": True}
                    for k, t in [
                        ("id", "integer"),
                        ("unit_id", "integer"),
                        ("campaign_id", "integer"),
                        ("status", "string"),
                        ("version", "integer"),
                        ("group1_points", "number"),
                        ("group1_level", "integer"),
                        ("group2_points", "number"),
                        ("group2_level", "integer"),
                        ("overall_level", "integer"),
                        ("completeness", "integer"),
                    ]
                },
            },
            "AssessmentDetail": {
                "allOf": [
                    {"$ref": "#/components/schemas/Assessment"},
                    {
                        "type": "object",
                        "properties": {
                            "facts": {"type": "object"},
                            "awards": {"type": "object"},
                            "scorecard": {"type": "object"},
                            "evidence": {"type": "array", "items": {"type": "object"}},
                        },
                    },
                ]
            },
            **{
                f"{name}Page": {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer"},
                        "page": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "results": {
                            "type": "array",
                            "items": {"$ref": f"#/components/schemas/{name}"},
                        },
                    },
                }
                for name in ("Unit", "Campaign", "Assessment")
            },
        },
    },
}
