"""The user's own jobs: progress while they run, the result to download when they are done."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from chiso.jobs import access
from chiso.jobs.models import Job


def _own(request: HttpRequest, pk: int) -> Job:
    return access.get_job_for_user(request.user, pk)


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = Job.objects.filter(owner=request.user).select_related("unit")[:50]
    jobs = [job for job in jobs if access.may_keep_job(request.user, job)]
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own(request, pk)
    template = "jobs/_progress.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job})


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    job = _own(request, pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
