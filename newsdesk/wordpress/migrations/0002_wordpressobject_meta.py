from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="wordpressobject",
            name="meta",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
