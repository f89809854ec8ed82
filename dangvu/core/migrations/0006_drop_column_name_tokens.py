"""Tokens are now named "<topic>:<hash of table and column>" (core.aggregates._token): the tokens named after a
bare column ("organization:cell_id"), which no cached value reads any more, are removed. Only cache state:
no record is lost, and a removed token at worst makes a value computed once more."""

import re

from django.db import migrations

CURRENT = re.compile(r"[^:]+(:(rows|[0-9a-f]{20}))?")


def drop_column_name_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    version = apps.get_model("core", "AggregateVersion")
    stale = [t for t in version.objects.values_list("topic", flat=True) if not CURRENT.fullmatch(t)]
    version.objects.filter(topic__in=stale).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_aggregate_rows_tokens")]

    operations = [migrations.RunPython(drop_column_name_tokens, migrations.RunPython.noop)]
