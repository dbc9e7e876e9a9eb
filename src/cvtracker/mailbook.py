"""What ``cvtracker notify`` sends, kept in the ledger so that no mail goes out twice.

Before each message is handed to the server, its (day, recipient, content hash) is claimed under
the ledger's write lock: two runs at once cannot both claim it. Once the server has accepted it
the claim is settled as sent (with a row in ``sent_mail``); refused, as failed (a later run tries
again). A claim that stays "claimed" belongs to a run that died, or could not write, after the
server may have accepted the mail: a later run reports it and does not send it again unless
told to (``--force``). The Message-ID comes from the claim, so a mail sent twice with --force is
still told apart, and a server log can be matched to the ledger.

A mail covering several directives (``notify`` with several and no ``--cv``) is kept as one row
per directive it covers, in ``mail_claims`` and in ``sent_mail``, all with the mail's hash: the
first directive's claim is the one checked under the lock (one mail per recipient, day and
hash), the others are written in the same transaction, and settled with it.
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
    _claims: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    _covers: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def _books(self, message: EmailMessage) -> list[Ledger]:
        """The ledger scoped to each directive the message covers (unscoped: as it is)."""
        covers = self._covers.get(id(message), ())
        return [self.ledger.scoped(number) for number in covers] or [self.ledger]

    def claim(
        self,
        message: EmailMessage,
        recipients: Sequence[str],
        content_hash: str,
        *,
        directives: Sequence[str] = (),
    ) -> tuple[str, ...]:
        """Claims the message for the recipients no other run has it for; gives it its
        Message-ID. Returns the recipients to send it to now. ``directives``: the ids of the
        directives the message covers, a claim for each (none: the ledger's own)."""
        self._covers[id(message)] = tuple(dict.fromkeys(directives))
        checked, *others = self._books(message)
        with self.ledger.writing() as conn:
            at = self.now()
            claimed, blocked = checked.claim_mail(
                conn,
                day=self.day,
                recipients=recipients,
                content_hash=content_hash,
                run=self.run,
                force=self.force,
                at=at,
            )
            ids = {recipient: [claim_id] for recipient, claim_id in claimed}
            for other in others:  # the same mail, for the other directives it covers
                more, _ = other.claim_mail(
                    conn,
                    day=self.day,
                    recipients=[r for r, _ in claimed],
                    content_hash=content_hash,
                    run=self.run,
                    force=True,  # checked above, under the same lock
                    at=at,
                )
                for recipient, claim_id in more:
                    ids[recipient].append(claim_id)
        for row in blocked:
            if row["state"] == "claimed":
                self.unconfirmed.append(Unconfirmed(row["recipient"], row.get("claimed_at")))
        if not claimed:
            return ()
        for recipient, claim_ids in ids.items():
            self._claims[id(message), recipient] = claim_ids
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
            for book in self._books(message):
                book.record_sent(
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
        return [claim for r in recipients for claim in self._claims.get((id(message), r), [])]
