"""The crash test's child: saves and deletes cases through the app's repository until killed.

Usage: python tests/crash_child.py DB_PATH SEED
Before each write it prints "try UUID CHECKSUM" (or "trydel UUID"), after the write
returned "done UUID CHECKSUM" (or "deleted UUID"), each line flushed at once: the parent
knows which writes returned before the SIGKILL and which one may have been in flight.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage.db import open_db
from storage.repository import CaseRepository
from tests.casegen import checksum, edit, random_case


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    repo = CaseRepository(open_db(path, seed=False), user="crash-test")
    ids = [r[0] for r in repo.db.execute("SELECT id FROM cases").fetchall()]
    repo.db.full()  # sqlite-utils loaded (as the window does after its first paint), so
    # that "ready" means ready to write and the kills land among the saves
    say("ready")
    while True:
        r = rng.random()
        if ids and r < 0.05:
            case_id = ids.pop(rng.randrange(len(ids)))
            uuid = repo.get(case_id).uuid
            say(f"trydel {uuid}")
            repo.delete(case_id)
            say(f"deleted {uuid}")
            continue
        if ids and r < 0.7:
            case = repo.get(rng.choice(ids))
            edit(case, rng)
        else:
            case = random_case(rng, size=rng.randint(1, 10))
        say(f"try {case.uuid} {checksum(case)}")
        repo.save(case, reason="crash test")
        say(f"done {case.uuid} {checksum(case)}")
        if case.id not in ids:
            ids.append(case.id)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
