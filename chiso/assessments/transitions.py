"""The workflow as data: which status may follow which."""

from chiso.assessments.models import Assessment

S = Assessment.Status

TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.RETURNED, S.RECOGNISED},
    S.RETURNED: {S.SUBMITTED},
    S.RECOGNISED: {S.PUBLISHED, S.RETURNED},  # → RETURNED only through a reasoned reopen
    S.PUBLISHED: {S.RETURNED},
}


def allowed(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, set())
