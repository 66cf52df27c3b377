from django.db import migrations


def load(apps, schema_editor):
    from clearsight.actionplan.reference_data import load_frameworks

    load_frameworks(apps.get_model("actionplan", "Framework"), apps.get_model("actionplan", "Area"))


class Migration(migrations.Migration):
    dependencies = [("actionplan", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
