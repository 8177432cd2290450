"""The task the worker runs for every background job (``ratusz.core.jobs``)."""

from django_tasks import task


@task()
def run_job(job_pk: int) -> str:
    from .jobs import execute

    return execute(job_pk)
