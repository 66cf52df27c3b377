"""Supplier keys keep the words "Holdings" and "Group" now (issue 16): "Kiely Bros. Holdings Limited"
was keyed "kiely brothers", the key of "Kiely Bros Ltd", so a spend file's "Kiely Bros. Holdings"
resolved to Kiely Bros without anyone being asked. Stored keys are made again exactly as ADR 0028's
re-keying made them (``0004_rekey_supplier_names``: contracts' import keys first, then aliases' keys).
Keys only become more distinct, so no alias is lost. An alias that was attached to the wrong company
through the old key stays where it is: a person can see it on the supplier's page and move it."""

from importlib import import_module

from django.db import migrations

_EARLIER = import_module("clearsight.supply.migrations.0004_rekey_supplier_names")


class Migration(migrations.Migration):

    dependencies = [
        ("supply", "0004_rekey_supplier_names"),
    ]

    operations = [
        migrations.RunPython(_EARLIER.rekey, migrations.RunPython.noop),
    ]
