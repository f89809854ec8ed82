"""Background jobs of the search index (Django's tasks API): thin wrappers over services, JSON arguments only."""

from __future__ import annotations

from django.apps import apps
from django_tasks import task

from dangvu.search import services


@task()
def refresh_entries(label: str, field: str, value: int) -> int:
    """Rebuild the entries of the `label` records whose `field` is `value`: e.g. the submissions of a renamed
    report kind, whose name their entries' titles carry (120,000 of them for a monthly kind of a province)."""
    model = apps.get_model(label)
    return services.entries_refresh(model._base_manager.filter(**{field: value}))
