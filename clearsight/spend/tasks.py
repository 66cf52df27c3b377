"""Background work for spend: reading and importing a file, run by the django-tasks worker."""

from django_tasks import task


@task()
def import_spend_file(spend_import_id: int):
    """Read an uploaded spend file's header and columns if that is still to do, then import it (all or
    nothing) once its columns are known, and delete the stored upload. A file whose columns a person
    must check first stops after reading; confirming the columns enqueues this task again."""
    from .importer import read_layout, run_import
    from .models import SpendImport

    spend_import = read_layout(spend_import_id)
    if spend_import.status == SpendImport.Status.QUEUED:
        spend_import = run_import(spend_import_id)
    return spend_import.status
