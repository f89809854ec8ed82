"""Time dangvu.intake's extract() on a ~10 KB article: the reference article plus a varied copy of it.

    .venv/bin/python bench/intake_speed.py --runs 200

Pure Python, no Django set-up needed (the extractor imports nothing of Django). Prints the median and the 95th
percentile in milliseconds; the target of issue 5 is "well under 100 ms".
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from dangvu.intake.extractors import extract

REFERENCE = Path(__file__).resolve().parents[1] / "dangvu" / "intake" / "evalset" / "articles" / "00-tcgdnn-2019.txt"


def article_10kb() -> str:
    """The reference (6.6 KB) followed by a variant with other names, dates and years, to about 10 KB."""
    text = REFERENCE.read_text(encoding="utf-8")
    variant = (
        text.replace("Nguyễn Hồng Minh", "Trần Thị Lan")
        .replace("Phí Mạnh Thắng", "Lê Văn Nam")
        .replace("17/01/2020", "20/07/2020")
        .replace("2019", "2018")
        .replace("2020", "2019")
    )
    head = (text + "\n\n" + variant).encode()[: 10 * 1024].decode("utf-8", errors="ignore")
    return head[: head.rfind(" ")]  # end on a word boundary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    text = article_10kb()
    extract(text)  # warm-up: compiles nothing more, but fills caches of the regex engine
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        extract(text)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"extract() trên {len(text.encode())} byte, {args.runs} lần:")
    print(f"  trung vị {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, nhanh nhất {timings[0]:.1f} ms")


if __name__ == "__main__":
    main()
