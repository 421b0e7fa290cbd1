"""Whose job is whose: the one access function of the jobs' screens and downloads."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from chiso.jobs.models import Job
from chiso.units import policy


def get_job_for_user(user: Any, pk: int) -> Job:
    """One of the user's own jobs, while they still hold a role at or above its unit (a result
    made for an office stops being theirs with their role there); Http404 otherwise."""
    job = (
        Job.objects.filter(pk=pk, owner_id=getattr(user, "pk", None)).select_related("unit").first()
    )
    if job is None or not may_keep_job(user, job):
        raise Http404
    return job


def may_keep_job(user: Any, job: Job) -> bool:
    """Whether a job (and its result) is still its owner's: their role reaches its unit."""
    return job.unit.is_active and policy.can_see_unit(user, job.unit)
