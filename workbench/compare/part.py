"""The later blocks of a large diff, written from the last one down by a process of its
own while the first process writes from the first one up (see compare.blocks).

    python -m workbench.compare.part JOB

JOB is JSON: "db", the database's path, and the fields of compare.blocks.Part. The blocks
go to the part's folder; the counts per article, as JSON, to stdout.
"""

from __future__ import annotations

import json
import sys

from workbench.compare.blocks import Part, write_blocks
from workbench.storage import open_db


def main(argv: list[str] | None = None) -> int:
    """Write the blocks JOB names; 0 when done."""
    job = json.loads((argv if argv is not None else sys.argv[1:])[0])
    part = Part(**{**{k: v for k, v in job.items() if k != "db"},
                   "starts": tuple(job["starts"])})
    with open_db(job["db"], create=False) as db:
        counts = write_blocks(db, part)
    sys.stdout.write(json.dumps(counts))  # json.dump encodes in Python: 0.4 s, not 0.01
    return 0


if __name__ == "__main__":
    sys.exit(main())
