"""Schemathesis hooks (loaded by the CLI through SCHEMATHESIS_HOOKS): point some generated ids at
real objects, and some fact saves at the current version, so fuzzing reaches past the 404s and
409s into the code that reads, scores and saves.

CHISO_FUZZ_IDS (JSON, written by tests.api.fuzzing): {"assessment": [...], "office": [...],
"evidence": [[assessment, evidence], ...], "campaign": [...], "school_year": [...]}, the role's
own objects first; CHISO_FUZZ_BASE and CHISO_FUZZ_TOKEN to read versions.
"""

from __future__ import annotations

import json
import os
from typing import Any

import requests
import schemathesis
from hypothesis import strategies as st

IDS: dict[str, Any] = json.loads(os.environ.get("CHISO_FUZZ_IDS", "{}"))
MAX_ID = 2**31 - 1


def _valid_id(value: Any) -> bool:
    return type(value) is int and 1 <= value <= MAX_ID


@schemathesis.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
    """Half the time, a generated (valid) id becomes the id of an object that exists."""
    if not isinstance(path_parameters, dict) or not _valid_id(path_parameters.get("pk")):
        return st.just(path_parameters)
    path = context.operation.path
    if "{evidence_id}" in path:
        if not IDS.get("evidence") or not _valid_id(path_parameters.get("evidence_id")):
            return st.just(path_parameters)
        real = st.sampled_from(IDS["evidence"]).map(
            lambda pair: {**path_parameters, "pk": pair[0], "evidence_id": pair[1]}
        )
    else:
        kind = (
            "office"
            if path.startswith(("/api/v1/dashboards/", "/api/v1/exports/"))
            else "assessment"
        )
        if not IDS.get(kind):
            return st.just(path_parameters)
        real = st.sampled_from(IDS[kind]).map(lambda pk: {**path_parameters, "pk": pk})
    return st.one_of(st.just(path_parameters), real, real)


@schemathesis.hook
def flatmap_query(context: Any, query: dict[str, Any]) -> Any:
    """A valid campaign id or school year is, some of the time, one that exists (or left out)."""
    if not isinstance(query, dict):
        return st.just(query)
    options = [st.just(query)]
    if _valid_id(query.get("campaign")) and IDS.get("campaign"):
        options.append(st.sampled_from(IDS["campaign"]).map(lambda c: {**query, "campaign": c}))
        options.append(st.just({k: v for k, v in query.items() if k != "campaign"}))
    year = query.get("school_year")
    if isinstance(year, str) and len(year) == 9 and year[4] == "-" and IDS.get("school_year"):
        options.append(
            st.sampled_from(IDS["school_year"]).map(lambda y: {**query, "school_year": y})
        )
        options.append(st.just({k: v for k, v in query.items() if k != "school_year"}))
    return st.one_of(*options)


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    """A fact save with a valid version gets the assessment's current one half the time."""
    body = case.body
    if (
        case.operation.path.endswith("/facts/")
        and isinstance(body, dict)
        and _valid_id(body.get("version"))
        and _valid_id(case.path_parameters.get("pk"))
        and body["version"] % 2 == 0
    ):
        response = requests.get(
            f"{os.environ['CHISO_FUZZ_BASE']}/api/v1/assessments/{case.path_parameters['pk']}/",
            headers={"Authorization": f"Bearer {os.environ['CHISO_FUZZ_TOKEN']}"},
            timeout=30,
        )
        if response.status_code == 200:
            case.body = {**body, "version": response.json()["version"]}
    return case
