from django.db import migrations


def load(apps, schema_editor):
    from clearsight.supply.reference import load_sic_codes

    load_sic_codes(apps.get_model("supply", "SicCode"))


class Migration(migrations.Migration):
    dependencies = [("supply", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
