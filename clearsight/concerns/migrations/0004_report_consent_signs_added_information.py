# Reported consent and wishes, signs grouped by theme (indicators 2026-12), added information (issue 17)

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


def load_reference(apps, schema_editor):
    # Indicators version 2026-12: each sign a sentence about the person, with its theme and place.
    from clearsight.concerns.reference_data import load_indicators

    load_indicators(apps.get_model("concerns", "Indicator"))



class Migration(migrations.Migration):

    dependencies = [
        ('concerns', '0003_referral_submitted_on'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='indicator',
            options={'ordering': ['position', 'code']},
        ),
        migrations.AddField(
            model_name='concernperson',
            name='reported_consent',
            field=models.CharField(blank=True, choices=[('agrees', 'Yes, they know and they agree to it'), ('does_not_agree', 'Yes, they know, but they do not want it reported'), ('not_told', 'No, they do not know'), ('unable', 'They are not able to understand or decide this'), ('not_known', 'I do not know')], max_length=20),
        ),
        migrations.AddField(
            model_name='concernperson',
            name='reported_wishes',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='indicator',
            name='group',
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name='indicator',
            name='group_label',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name='indicator',
            name='position',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.CreateModel(
            name='AddedInformation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('text', models.TextField()),
                ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('concern', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='added_information', to='concerns.concern')),
            ],
            options={
                'verbose_name': 'added information',
                'verbose_name_plural': 'added information',
                'ordering': ['added_at'],
            },
        ),
        migrations.RunPython(load_reference, migrations.RunPython.noop),
    ]
