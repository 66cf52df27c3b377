from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
import django.utils.timezone


class Migration(migrations.Migration):

    dependencies = [
        ("supply", "0002_sic_codes"),
        ("concerns", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ConcernSupplierLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('linked_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('concern', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supplier_links', to='concerns.concern')),
                ('linked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('supplier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='concern_links', to='supply.supplier')),
            ],
            options={
                'ordering': ['-linked_at'],
            },
        ),
        migrations.AddConstraint(
            model_name='concernsupplierlink',
            constraint=models.UniqueConstraint(fields=('concern', 'supplier'), name='unique_concern_supplier_link'),
        ),
    ]
