"""`verify-audit`: check the audit trail's hash chain and its append-only guards."""

from __future__ import annotations

from storage.audit_chain import verify

from .common import CommandError, repository


def add_parser(sub) -> None:
    p = sub.add_parser(
        "verify-audit",
        help="check that the audit trail (and every case against it) was not altered "
        "outside the app (exit 2 if it was)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    report = verify(repository(args).db, contents=True)
    print("\n".join(report.lines()))
    if not report.intact:
        raise CommandError(
            f"the audit trail was altered outside the app ({len(report.problems)} problem(s))"
        )
    return 0
