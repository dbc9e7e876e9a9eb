"""``db upgrade``: create or upgrade the ledger, as the tables' owner."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from cvtracker.session import Session


def upgrade(s: Session, *, grant: str | None) -> None:
    from cvtracker.ledger import HEAD_REVISION, grant_app_role, safe_url, upgrade_ledger

    url = s.settings.db_url
    ledger = upgrade_ledger(url)
    typer.echo(s.t("db_upgraded", url=safe_url(url), revision=HEAD_REVISION))
    if grant is not None:
        grant_app_role(ledger, grant)
        typer.echo(s.t("db_granted", role=grant))
