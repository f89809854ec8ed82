"""Demo data for dangvu: the reference Party Committee (reference.py), synthetic Vietnamese people
(names.py) and a province-sized tree for load tests (province.py).

Everyone except the public figures named in the reference article is synthetic; the generators are
seeded so that a rerun produces the same people.
"""

from __future__ import annotations
