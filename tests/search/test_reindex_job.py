"""A moderator rebuilds the search index from the admin: a job for the worker."""

import pytest

from ratusz.core.models import Job
from ratusz.search.models import Document
from tests.worker import queued_paths, run_worker


# Late in a full run the test process maps more than the job's memory allowance
# (1.7 GB seen); when the allowance counted that too, this job's forked child had no
# room left and failed oddly ("'frame' object is not callable"). The allowance now
# comes on top (tests/core/test_sandbox.py).
@pytest.mark.django_db(transaction=True)
def test_a_moderator_starts_a_reindex_and_the_worker_does_it(client, db_tasks, caplog):
    from django.contrib.auth import get_user_model

    from ratusz.demo import eufunds as demo

    demo.load()  # indexed content that needs no page tree (a flush removes its root)
    run_worker()  # the indexing its saves queued

    admin = get_user_model().objects.create_superuser("mod", "m@example.org", "x" * 12)
    client.force_login(admin)
    listing = client.get("/admin/zadania/").content.decode()
    assert "Zleć: Przebudowa indeksu wyszukiwarki" in listing
    Document.objects.all().delete()
    response = client.post("/admin/zadania/zlec/search.reindex/")
    job = Job.objects.get()
    assert response["Location"] == f"/admin/zadania/{job.pk}/"
    assert queued_paths()[-1] == "ratusz.core.jobs.run_job"
    assert not Document.objects.exists()  # nothing in the request
    with caplog.at_level("WARNING", logger="ratusz.core.jobs"):
        run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, (job.error, caplog.text)  # with the child's traceback
    assert Document.objects.filter(kind="eufunds").exists()
    assert job.summary.startswith("Indeks wyszukiwarki przebudowany:")
    assert job.total == job.done and job.total > 0
    assert client.post("/admin/zadania/zlec/nie-ma-takiego/").status_code == 404


@pytest.mark.django_db
def test_a_reindex_needs_the_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("r", "r@example.org", "x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail answers a refused admin action with a redirect and a message
    assert client.post("/admin/zadania/zlec/search.reindex/").status_code in (302, 403)
    assert not Job.objects.exists()
