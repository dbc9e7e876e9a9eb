"""What ``cvtracker notify`` sends, kept in the ledger so that no mail goes out twice.

Before each message is handed to the server, its (day, recipient, content hash) is claimed under
the ledger's write lock: two runs at once cannot both claim it. Once the server has accepted it
the claim is settled as sent (with a row in ``sent_mail``); refused, as failed (a later run tries
again). A claim that stays "claimed" belongs to a run that died, or could not write, after the
server may have accepted the mail: a later run reports it and does not send it again unless
told to (``--force``). The Message-ID comes from the claim, so a mail sent twice with --force is
still told apart, and a server log can be matched to the ledger.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from email.message import EmailMessage

    from cvtracker.ledger import Ledger


@dataclass(frozen=True)
class Unconfirmed:
    """An earlier run's claim that never said whether the mail went out."""

    recipient: str
    claimed_at: dt.datetime | None


@dataclass
class MailBook:
    ledger: Ledger
    day: dt.date
    now: Callable[[], dt.datetime]
    force: bool = False
    run: str = field(default_factory=lambda: uuid.uuid4().hex)
    unconfirmed: list[Unconfirmed] = field(default_factory=list)
    _claims: dict[tuple[int, str], int] = field(default_factory=dict)

    def claim(
        self, message: EmailMessage, recipients: Sequence[str], content_hash: str
    ) -> tuple[str, ...]:
        """Claims the message for the recipients no other run has it for; gives it its
        Message-ID. Returns the recipients to send it to now."""
        with self.ledger.writing() as conn:
            claimed, blocked = self.ledger.claim_mail(
                conn,
                day=self.day,
                recipients=recipients,
                content_hash=content_hash,
                run=self.run,
                force=self.force,
                at=self.now(),
            )
        for row in blocked:
            if row["state"] == "claimed":
                self.unconfirmed.append(Unconfirmed(row["recipient"], row.get("claimed_at")))
        if not claimed:
            return ()
        for recipient, claim_id in claimed:
            self._claims[id(message), recipient] = claim_id
        first = claimed[0][1]
        domain = str(message["From"] or "").rpartition("@")[2].strip("> ") or "localhost"
        del message["Message-ID"]
        message["Message-ID"] = (
            f"<cvtracker.{self.day:%Y%m%d}.{first}.{content_hash[:12]}@{domain}>"
        )
        return tuple(r for r, _ in claimed)

    def sent(self, message: EmailMessage, recipients: Sequence[str], content_hash: str) -> None:
        at = self.now()
        with self.ledger.writing() as conn:
            self.ledger.record_sent(
                conn,
                day=self.day,
                recipients=recipients,
                content_hash=content_hash,
                message_id=message["Message-ID"],
                at=at,
            )
            self.ledger.settle_claims(conn, self._ids(message, recipients), "sent", at)

    def failed(self, message: EmailMessage, recipients: Sequence[str]) -> None:
        """The server refused it: a later run may try again."""
        with self.ledger.writing() as conn:
            self.ledger.settle_claims(conn, self._ids(message, recipients), "failed", self.now())

    def _ids(self, message: EmailMessage, recipients: Sequence[str]) -> list[int]:
        found = (self._claims.get((id(message), r)) for r in recipients)
        return [claim for claim in found if claim is not None]
