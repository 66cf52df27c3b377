from django.db import migrations


def load(apps, schema_editor):
    from clearsight.screening.reference_data import load as load_reference

    load_reference(tuple(apps.get_model("screening", name) for name in
                         ("ReferenceDataset", "RiskSector", "CountryRisk", "GoodAtRisk")))


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
