"""Background work for spend: reading and importing a file, run by the task worker (manage.py run_worker)."""

from django_tasks import task


@task()
def import_spend_file(spend_import_id: int):
    """Read an uploaded spend file's header and columns if that is still to do, then import it (all or
    nothing) once its columns are known, and delete the stored upload. A file whose columns a person
    must check first stops after reading; confirming the columns enqueues this task again.

    The task runs again when the worker running it stopped part way (ADR 0031); the import then starts
    again from the beginning."""
    from clearsight.core.worker import current_task_result, running_elsewhere

    from .importer import read_layout, run_import
    from .models import SpendImport

    run = current_task_result()  # None when called directly rather than by the worker
    if run is not None and run.attempts > 1 and not running_elsewhere(run):
        start_again(spend_import_id)
    spend_import = read_layout(spend_import_id)
    if spend_import.status == SpendImport.Status.QUEUED:
        spend_import = run_import(spend_import_id)
    return spend_import.status


def start_again(spend_import_id: int) -> None:
    """Make an import whose run was cut short (its worker died, or the database went away) ready to run
    from the start. Nothing of that run was kept: the lines, the totals and the status IMPORTED are
    written in one transaction (importer._run), so an import still RUNNING has no lines, and is queued
    again; a file still being read is read again. A finished import is left as it is."""
    from .models import SpendImport

    imports = SpendImport.objects.filter(pk=spend_import_id)  # a task, outside any request
    imports.filter(status=SpendImport.Status.RUNNING).update(status=SpendImport.Status.QUEUED, stage="", rows_done=0)
    imports.filter(status=SpendImport.Status.READING).exclude(stage="").update(stage="")
