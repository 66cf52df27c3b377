"""Supplier keys keep a first word that only looks like a legal form, and read dotted letters that spell
a legal form or country as that word (issue 16; ADR 0032): "AB Inbev UK Limited" was keyed "inbev",
"AG Barr plc" "barr", "Company Shop Limited" "shop", and "Barr p.l.c." "barr p l c". Stored keys are
made again as ``0004_rekey_supplier_names`` made them (contracts' import keys first, then aliases' keys; where two
aliases of an organisation now share a key, one is kept as that migration says)."""

from importlib import import_module

from django.db import migrations

_EARLIER = import_module("clearsight.supply.migrations.0004_rekey_supplier_names")


class Migration(migrations.Migration):

    dependencies = [
        ("supply", "0005_rekey_keeping_group_words"),
    ]

    operations = [
        migrations.RunPython(_EARLIER.rekey, migrations.RunPython.noop),
    ]
