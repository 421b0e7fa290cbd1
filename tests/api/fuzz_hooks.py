"""Schemathesis hooks (loaded by the CLI through SCHEMATHESIS_HOOKS): point some generated ids at
real objects, and some fact saves at the current version, so fuzzing reaches past the 404s and
409s into the code that reads, scores and saves.

CHISO_FUZZ_IDS (JSON, written by tests.api.fuzzing): {"assessment": [...], "office": [...],
"evidence_file"/"evidence_capture": [[assessment, evidence], ...], "campaign": [...],
"school_year": [...]}, the role's
own objects first; CHISO_FUZZ_BASE and CHISO_FUZZ_TOKEN to read versions.
"""

from __future__ import annotations

import json
import os
import re
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
        pairs = IDS.get("evidence_" + path.rsplit("/", 1)[-1]) or IDS.get("evidence")
        if not pairs or not _valid_id(path_parameters.get("evidence_id")):
            return st.just(path_parameters)
        real = st.sampled_from(pairs).map(
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
    """A valid campaign id and school year are each, some of the time, one that exists or left
    out (the two together must name the same campaign)."""
    if not isinstance(query, dict):
        return st.just(query)
    choices = {}
    if _valid_id(query.get("campaign")) and IDS.get("campaign"):
        choices["campaign"] = IDS["campaign"]
    year = query.get("school_year")
    # Only a valid value is replaced: a negative case must stay negative.
    if isinstance(year, str) and re.fullmatch("[0-9]{4}-[0-9]{4}", year) and IDS.get("school_year"):
        choices["school_year"] = IDS["school_year"]
    if not choices:
        return st.just(query)
    keep, drop = object(), object()

    def pick(name: str) -> Any:
        return st.one_of(st.just(keep), st.just(drop), st.sampled_from(choices[name]))

    def build(picked: dict[str, Any]) -> dict[str, Any]:
        out = dict(query)
        for name, value in picked.items():
            if value is drop:
                out.pop(name)
            elif value is not keep:
                out[name] = value
        return out

    return st.fixed_dictionaries({name: pick(name) for name in choices}).map(build)


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
