"""Suppliers' names are transliterated now (ADR 0028), so the key a match review remembers of the
name it was about is made again from that name (``left["name"]``, the name as it was compared).
Rejections are found by it (resolve._rejected), and a confirmation makes it an alias."""

from django.db import migrations


def rekey_reviews(MatchReview):
    """Returns how many reviews were changed."""
    from clearsight.supply.names import normalise_name

    changed = 0
    for pk, left, old in list(MatchReview.objects.exclude(normalised="").values_list("pk", "left", "normalised")):
        name = (left or {}).get("name") or ""
        new = normalise_name(name)[:300]
        if new and new != old:
            MatchReview.objects.filter(pk=pk).update(normalised=new)
            changed += 1
    return changed


def rekey(apps, schema_editor):
    rekey_reviews(apps.get_model("matching", "MatchReview"))


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
