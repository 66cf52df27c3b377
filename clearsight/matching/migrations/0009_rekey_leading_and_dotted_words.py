"""Supplier keys keep a first word that only looks like a legal form and read dotted legal forms as
one word (supply 0006): the name key a match review remembers is made again from its name, as
``0002_rekey_review_names`` made it."""

from importlib import import_module

from django.db import migrations

_EARLIER = import_module("clearsight.matching.migrations.0002_rekey_review_names")


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0008_review_says_why_asked"),
        ("supply", "0006_rekey_leading_and_dotted_words"),
    ]

    operations = [
        migrations.RunPython(_EARLIER.rekey, migrations.RunPython.noop),
    ]
