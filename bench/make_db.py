"""Build a synthetic workbench database for the benchmarks.

    python bench/make_db.py PATH --claims 1000000 [--per-article 100]
                            [--sessions a,b] [--reviewed 1.0] [--agree 0.8]

Claims come straight from generated sentences (no splitter, for speed); every
claim's span points at its sentence in the article text. Sessions get
verdicts on a `--reviewed` share of the claims; later sessions agree with the
first on `--agree` of them.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import sentence

from workbench.model import Claim, Kind, Source, Status, sources_to_json
from workbench.storage import articles, bulk, claims, open_db, sessions

STATUSES = [s for s in Status if s is not Status.UNREVIEWED]


def build(
    path: Path,
    n_claims: int,
    per_article: int = 100,
    session_names: tuple[str, ...] = (),
    reviewed: float = 1.0,
    agree: float = 0.8,
    seed: int = 7,
) -> None:
    """Write a database at `path` (which must not exist) with about `n_claims` claims."""
    if path.exists():
        raise SystemExit(f"error: {path} exists; remove it first")
    rng = random.Random(seed)
    db = open_db(path)
    made = 0
    with db.transaction():
        while made < n_claims:
            n = min(per_article, n_claims - made)
            parts, found, pos = [], [], 0
            title = f"Synthetic article {made // per_article + 1}"
            parts.append(title + "\n\n")
            pos = len(parts[0])
            for seq in range(1, n + 1):
                text = sentence(rng)
                kind = Kind.QUOTE if text.startswith('"') else Kind.FACT
                found.append(Claim(seq, text, pos, pos + len(text), None, kind, rng.random()))
                parts.append(text + " ")
                pos += len(text) + 1
            body = "".join(parts)
            article_id = articles.insert(
                db,
                origin=f"synthetic://{made}",
                title=title,
                text=body,
                content_hash=hashlib.sha256(body.encode()).hexdigest(),
                format="txt",
            )
            claims.insert_many(db, article_id, found)
            made += n
    first_ids: dict[int, tuple[Status, int]] = {}
    for index, name in enumerate(session_names):
        session_id = sessions.create(db, name, f"reviewer-{name}")
        rows = []
        with db.transaction():
            for claim_id in range(1, made + 1):
                if rng.random() >= reviewed:
                    continue
                if index and claim_id in first_ids and rng.random() < agree:
                    status, confidence = first_ids[claim_id]
                else:
                    status, confidence = rng.choice(STATUSES), rng.choice((20, 40, 60, 80, 100))
                if index == 0:
                    first_ids[claim_id] = (status, confidence)
                src = [Source(f"https://example.org/{claim_id}")] if claim_id % 3 == 0 else []
                rows.append((claim_id, str(status), confidence, sources_to_json(src), ""))
                if len(rows) >= 50_000:
                    bulk.insert_verdicts(db, session_id, rows)
                    rows.clear()
            bulk.insert_verdicts(db, session_id, rows)
    db.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", type=Path)
    p.add_argument("--claims", type=int, default=1_000_000)
    p.add_argument("--per-article", type=int, default=100)
    p.add_argument("--sessions", default="", help="comma-separated session names")
    p.add_argument("--reviewed", type=float, default=1.0)
    p.add_argument("--agree", type=float, default=0.8)
    a = p.parse_args()
    t0 = time.perf_counter()
    names = tuple(n for n in a.sessions.split(",") if n)
    build(a.path, a.claims, a.per_article, names, a.reviewed, a.agree)
    size = a.path.stat().st_size / 1e6
    print(
        f"{a.path}: {a.claims} claims, sessions {list(names)}, {size:.0f} MB, "
        f"{time.perf_counter() - t0:.1f} s"
    )


if __name__ == "__main__":
    main()
