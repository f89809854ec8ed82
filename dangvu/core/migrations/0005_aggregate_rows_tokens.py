"""Counts are now cached under "<topic>:rows" (core.aggregates.cached_count): a database whose topics have a
token gets their rows token too, or its lists would not be cached until each topic's next whole-row write."""

import uuid

from django.db import migrations


def add_rows_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    version = apps.get_model("core", "AggregateVersion")
    topics = [t for t in version.objects.values_list("topic", flat=True) if ":" not in t]
    version.objects.bulk_create(
        [version(topic=f"{topic}:rows", token=uuid.uuid4().hex) for topic in topics], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0004_aggregate_version")]

    operations = [migrations.RunPython(add_rows_tokens, migrations.RunPython.noop)]
