"""The organization's name without diacritics, so that a form can find one by a part of its name ("chi bo van
phong" finds "Chi bộ Văn phòng") among a province's thousands."""

from typing import Any

from django.db import migrations, models

from dangvu.lib.vn_text import fold


def fill(apps: Any, schema_editor: Any) -> None:
    PartyOrg = apps.get_model("organization", "PartyOrg")
    rows = list(PartyOrg.objects.only("pk", "name"))
    for org in rows:
        org.name_folded = fold(org.name)
    PartyOrg.objects.bulk_update(rows, ["name_folded"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("organization", "0002_member_id_cell_index")]

    operations = [
        migrations.AddField(
            model_name="partyorg",
            name="name_folded",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
