"""The case list's fast read agrees with the repository's headers."""

from __future__ import annotations

from domain.table import table_row
from storage.case_index import list_cases, positive_antibodies


def test_list_rows_agree_with_headers(repo):
    case = repo.get(repo.resolve("Rose 1979 (ref 24)"))
    case.age, case.outcome.final_outcome = 60, "Alive"  # an edited preloaded case
    repo.save(case)
    full = {c.id: c for c in repo.headers()}
    fast = {c.id: c for c in list_cases(repo.db)}
    assert fast.keys() == full.keys() and len(fast) == 17
    for case_id, c in fast.items():
        f = full[case_id]
        assert table_row(c) == table_row(f)
        assert (c.label, c.citation, c.uuid, c.table_order, c.sources) == (
            f.label,
            f.citation,
            f.uuid,
            f.table_order,
            f.sources,
        )
    assert positive_antibodies(repo.db) == repo.positive_antibodies()
