"""A review item holds the ranked candidates (issue 16). Each existing item's one candidate becomes a
one-item list; a confirmed item chose it."""

from django.db import migrations, models


def one_candidate(review):
    return {"record": review.right or {}, "probability": review.probability, "reasons": review.reasons or [],
            "supplier": review.candidate_supplier_id, "entry": review.candidate_entry_id, "ref": review.candidate_ref}


def candidates_to_lists(MatchReview):
    """Returns how many reviews were changed."""
    changed = 0
    for review in MatchReview.objects.iterator():
        if review.candidates:
            continue
        review.candidates = [one_candidate(review)]
        review.chosen = 0 if review.status == "confirmed" else None
        review.save(update_fields=["candidates", "chosen"])
        changed += 1
    return changed


def to_lists(apps, schema_editor):
    candidates_to_lists(apps.get_model("matching", "MatchReview"))


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0002_rekey_review_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='matchreview',
            name='candidates',
            field=models.JSONField(default=list, help_text='The candidates ranked, most likely first, as they were compared: each a dict with record (a snapshot), probability, reasons and what identifies it (supplier id, entry id, ref).'),
        ),
        migrations.AddField(
            model_name='matchreview',
            name='chosen',
            field=models.PositiveSmallIntegerField(blank=True, help_text='The position in candidates of the one a person chose; empty when none was (or not yet).', null=True),
        ),
        migrations.RunPython(to_lists, migrations.RunPython.noop),
    ]
