"""Background work for spend: importing a file, run by the django-tasks worker."""

from django_tasks import task


@task()
def import_spend_file(spend_import_id: int):
    """Import a queued spend file (all or nothing) and delete the stored upload."""
    from .importer import run_import

    return run_import(spend_import_id).status
