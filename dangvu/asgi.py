from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
application = get_asgi_application()

from dangvu.core.startup import require_serving_settings  # noqa: E402

require_serving_settings()
