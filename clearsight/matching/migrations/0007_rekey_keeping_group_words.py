"""Supplier keys keep "Holdings" and "Group" now (issue 16; supply 0005): the name key a match
review remembers is made again from its name, as ``0002_rekey_review_names`` made it."""

from importlib import import_module

from django.db import migrations

_EARLIER = import_module("clearsight.matching.migrations.0002_rekey_review_names")


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0006_matching_parameters"),
        ("supply", "0005_rekey_keeping_group_words"),
    ]

    operations = [
        migrations.RunPython(_EARLIER.rekey, migrations.RunPython.noop),
    ]
