from django.db import migrations


def load(apps, schema_editor):
    from clearsight.concerns.reference_data import load as load_reference

    load_reference(apps.get_model("concerns", "Indicator"), apps.get_model("concerns", "ExploitationType"))


class Migration(migrations.Migration):
    dependencies = [("concerns", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
