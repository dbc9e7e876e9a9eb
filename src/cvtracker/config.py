"""The mail configuration: ``config.toml`` in CVTRACKER_HOME or the platform's config folder.

::

    [smtp]
    host = "mail.tuyphong.gov.vn"
    port = 587                      # default: 25 (none), 587 (starttls), 465 (ssl)
    tls = "starttls"                # none | starttls | ssl; default starttls
    user = "cvtracker@tuyphong.gov.vn"
    from = "cvtracker@tuyphong.gov.vn"
    password_file = "~/.config/cvtracker/smtp-password"   # chmod 600
    ca_file = "/etc/ssl/tuyphong-ca.pem"                  # a private CA, optional
    no_verify_hosts = []            # hosts whose certificate is NOT verified (avoid)
    timeout = 30                    # seconds

    [notify]
    to = ["noivu@tuyphong.gov.vn"]
    soon = 3                        # working days
    max_rows_per_unit = 10          # rows per unit in each list of a mail; 0: all
    [notify.units]
    tu-phap = "tuphap@tuyphong.gov.vn"
    noi-vu = ["noivu@tuyphong.gov.vn", "truongphong.noivu@tuyphong.gov.vn"]

    [output]
    pager = false                   # long listings on a terminal: no pager (CVTRACKER_PAGER wins)

Environment variables override the file: CVTRACKER_SMTP_HOST, _PORT, _USER, _FROM, _TLS,
CVTRACKER_NOTIFY_TO (comma-separated, like each ``--to``). The password comes only from
CVTRACKER_SMTP_PASSWORD or from ``password_file``, a file of the user running cvtracker that only
they can read; it is kept in a :class:`Secret`, which never shows its value in ``repr``, ``str``
or a traceback's locals.
"""

from __future__ import annotations

import math
import os
import stat
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import getaddresses
from pathlib import Path
from typing import Any, Literal

from cvtracker.errors import InputError

CONFIG_FILENAME = "config.toml"
TlsMode = Literal["none", "starttls", "ssl"]
TLS_MODES: tuple[TlsMode, ...] = ("none", "starttls", "ssl")
DEFAULT_PORTS: dict[TlsMode, int] = {"none": 25, "starttls": 587, "ssl": 465}
DEFAULT_TLS: TlsMode = "starttls"
DEFAULT_SOON = 3
# rows per unit in each list of a mail: an unrecorded ledger has some 2,000 overdue rows
DEFAULT_MAX_ROWS = 10
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 3600.0
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

SMTP_KEYS = (
    "host",
    "port",
    "user",
    "tls",
    "from",
    "password_file",
    "ca_file",
    "no_verify_hosts",
    "timeout",
)
NOTIFY_KEYS = ("to", "soon", "units", "max_rows_per_unit")
OUTPUT_KEYS = ("pager",)
SECTIONS = {"smtp": SMTP_KEYS, "notify": NOTIFY_KEYS, "output": OUTPUT_KEYS}


class Secret:
    """A password: shown as ``********`` everywhere; ``reveal()`` only where it is sent."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __reduce__(self) -> Any:  # never pickled, never copied into a crash report
        raise TypeError("a Secret cannot be pickled")


@dataclass(frozen=True)
class SmtpConfig:
    host: str | None = None
    port: int = DEFAULT_PORTS[DEFAULT_TLS]
    user: str | None = None
    tls: TlsMode = DEFAULT_TLS
    sender: str | None = None
    password_env: Secret | None = field(default=None, repr=False)
    password_file: Path | None = None
    ca_file: Path | None = None
    no_verify_hosts: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT

    @property
    def verify(self) -> bool:
        """Certificates are verified unless the config names this host as an exception."""
        if self.host is None:
            return True
        return self.host.lower() not in {h.lower() for h in self.no_verify_hosts}

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    def password(self) -> Secret | None:
        """From CVTRACKER_SMTP_PASSWORD, else from ``password_file`` (read only now)."""
        if self.password_env is not None:
            return self.password_env
        if self.password_file is None:
            return None
        return read_password_file(self.password_file)


@dataclass(frozen=True)
class NotifyConfig:
    to: tuple[str, ...] = ()
    soon: int = DEFAULT_SOON
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Unit (id or name, as written in the file) to its addresses."""
    max_rows_per_unit: int = DEFAULT_MAX_ROWS
    """At most this many rows of a unit in each list of a mail (the oldest); 0: no limit."""


@dataclass(frozen=True)
class OutputConfig:
    pager: bool | None = None
    """Long listings through a pager on a terminal; None: not said (on)."""


@dataclass(frozen=True)
class Config:
    path: Path
    """The file read, or where it would be."""
    smtp: SmtpConfig
    notify: NotifyConfig
    output: OutputConfig = field(default_factory=OutputConfig)


def config_path(env: Mapping[str, str]) -> Path:
    if value := env.get("CVTRACKER_HOME"):
        return Path(value).expanduser() / CONFIG_FILENAME
    from platformdirs import user_config_path

    return user_config_path("cvtracker", appauthor=False) / CONFIG_FILENAME


def check_address(value: str, source: str) -> str:
    """Exactly one mail address (``a@b`` or ``Name <a@b>``) reduced to its ``a@b``, domain
    lowercased; anything that holds no address, or more than one, is refused."""
    text = value.strip()
    if not text or any(c in text for c in "\r\n\t") or not text.isascii():
        raise InputError("bad_address", value=value, source=source)
    found = getaddresses([text])
    if len(found) != 1:
        raise InputError("bad_address", value=value, source=source)
    _, address = found[0]
    local, at, domain = address.rpartition("@")
    if not at or not local or "@" in local or not domain.strip(".") or " " in address:
        raise InputError("bad_address", value=value, source=source)
    return f"{local}@{domain.lower()}"


def check_addresses(values: Sequence[str], source: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(check_address(value, source), None)
    return tuple(seen)


def split_addresses(text: str) -> list[str]:
    """A comma-separated list, as in CVTRACKER_NOTIFY_TO or one ``--to``; empty items skipped."""
    return [part for part in (p.strip() for p in text.split(",")) if part]


def option_addresses(values: Sequence[str], source: str) -> tuple[str, ...]:
    """Repeated option values, each possibly comma-separated, checked one address per item."""
    return check_addresses([a for value in values for a in split_addresses(value)], source)


def read_password_file(path: Path) -> Secret:
    """The first line of a file that only its owner can read: refused if group or others can,
    or if it belongs to another user than the one running cvtracker."""
    try:
        info = path.stat()
    except OSError as error:
        raise InputError(
            "password_file_unreadable", path=path, reason=error.strerror or type(error).__name__
        ) from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise InputError("password_file_open", path=path, mode=f"{stat.S_IMODE(info.st_mode):04o}")
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise InputError("password_file_owner", path=path, owner=info.st_uid, user=os.geteuid())
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise InputError("password_file_unreadable", path=path, reason=reason) from None
    lines = text.splitlines()
    value = lines[0].strip() if lines else ""
    if not value:
        raise InputError("password_file_empty", path=path)
    return Secret(value)


# --- loading -------------------------------------------------------------------------------


def load_config(env: Mapping[str, str] | None = None, path: Path | None = None) -> Config:
    """The file (if it exists) with the environment variables laid over it."""
    environ = os.environ if env is None else env
    where = path or config_path(environ)
    data = _read_toml(where)
    for section in data:
        if section not in SECTIONS:
            choices = ", ".join(SECTIONS)
            raise InputError(
                "config_unknown_key", path=where, section="", name=section, choices=choices
            )
    smtp_data = _section(data, "smtp", where)
    notify_data = _section(data, "notify", where)
    return Config(
        path=where,
        smtp=_smtp(smtp_data, environ, where),
        notify=_notify(notify_data, environ, where),
        output=_output(_section(data, "output", where), where),
    )


def load_output_config(env: Mapping[str, str] | None = None) -> OutputConfig:
    """Only the ``[output]`` section: a listing does not check the mail settings."""
    environ = os.environ if env is None else env
    where = config_path(environ)
    return _output(_section(_read_toml(where), "output", where), where)


def _output(data: dict[str, Any], path: Path) -> OutputConfig:
    pager = data.get("pager")
    if pager is not None and not isinstance(pager, bool):
        raise InputError("config_expect_bool", path=path, section="output", name="pager")
    return OutputConfig(pager=pager)


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10 (Ubuntu 22.04): the same parser, from PyPI
        import tomli as tomllib

    try:
        info = path.stat()
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError("config_unreadable", path=path, reason=reason) from None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        # whoever can change it can send the mail elsewhere, or turn verification off
        mode = f"{stat.S_IMODE(info.st_mode):04o}"
        raise InputError("config_open_to_others", path=path, mode=mode)
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("config_invalid", path=path, reason="not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError("config_invalid", path=path, reason=str(error)) from None


def _section(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise InputError("config_expect_table", path=path, section="", name=name)
    keys = SECTIONS[name]
    for key in value:
        if key == "password" and name == "smtp":
            # never echo the value: it is a password
            raise InputError("config_password_inline", path=path)
        if key not in keys:
            raise InputError(
                "config_unknown_key", path=path, section=name, name=key, choices=", ".join(keys)
            )
    return value


def _string(data: dict[str, Any], section: str, key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError("config_expect_string", path=path, section=section, name=key)
    return value.strip()


def _strings(data: dict[str, Any], section: str, key: str, path: Path) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return split_addresses(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise InputError("config_expect_strings", path=path, section=section, name=key)


def _env(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name)
    return value if value else None


def _tls(value: str, source: dict[str, Any]) -> TlsMode:
    lowered = value.strip().lower()
    for mode in TLS_MODES:
        if lowered == mode:
            return mode
    raise InputError("config_bad_tls", value=value, **source)


def _port(value: Any, source: dict[str, Any]) -> int:
    if isinstance(value, bool):
        raise InputError("config_bad_port", value=value, **source)
    try:
        number = int(str(value).strip()) if isinstance(value, str) else value
    except ValueError:
        raise InputError("config_bad_port", value=value, **source) from None
    if not isinstance(number, int) or not 1 <= number <= 65535:
        raise InputError("config_bad_port", value=value, **source)
    return number


def _smtp(data: dict[str, Any], environ: Mapping[str, str], path: Path) -> SmtpConfig:
    def where(key: str) -> dict[str, Any]:
        return {"source": f"{path} [smtp] {key}"}

    host = _env(environ, "CVTRACKER_SMTP_HOST") or _string(data, "smtp", "host", path)
    tls_env = _env(environ, "CVTRACKER_SMTP_TLS")
    tls_file = _string(data, "smtp", "tls", path)
    if tls_env is not None:
        tls = _tls(tls_env, {"source": "CVTRACKER_SMTP_TLS"})
    elif tls_file is not None:
        tls = _tls(tls_file, where("tls"))
    else:
        tls = DEFAULT_TLS
    port_env = _env(environ, "CVTRACKER_SMTP_PORT")
    if port_env is not None:
        port = _port(port_env, {"source": "CVTRACKER_SMTP_PORT"})
    elif "port" in data:
        port = _port(data["port"], where("port"))
    else:
        port = DEFAULT_PORTS[tls]
    user = _env(environ, "CVTRACKER_SMTP_USER") or _string(data, "smtp", "user", path)
    sender_text = _env(environ, "CVTRACKER_SMTP_FROM") or _string(data, "smtp", "from", path)
    sender = None
    if sender_text is not None:
        source = "CVTRACKER_SMTP_FROM" if _env(environ, "CVTRACKER_SMTP_FROM") else str(path)
        sender = check_address(sender_text, source)
    elif user is not None and "@" in user:
        sender = check_address(user, "[smtp] user")
    password_env = _env(environ, "CVTRACKER_SMTP_PASSWORD")
    password_file = _string(data, "smtp", "password_file", path)
    ca_file = _string(data, "smtp", "ca_file", path)
    timeout = data.get("timeout", DEFAULT_TIMEOUT)
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not math.isfinite(timeout)  # TOML has nan and inf
        or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise InputError("config_expect_positive", path=path, section="smtp", name="timeout")
    return SmtpConfig(
        host=host,
        port=port,
        user=user,
        tls=tls,
        sender=sender,
        password_env=Secret(password_env) if password_env is not None else None,
        password_file=_relative(password_file, path) if password_file else None,
        ca_file=_relative(ca_file, path) if ca_file else None,
        no_verify_hosts=tuple(_strings(data, "smtp", "no_verify_hosts", path)),
        timeout=float(timeout),
    )


def _relative(value: str, config: Path) -> Path:
    """A path from the file: ``~`` expanded, relative to the config file's folder."""
    given = Path(value).expanduser()
    return given if given.is_absolute() else config.parent / given


def _notify(data: dict[str, Any], environ: Mapping[str, str], path: Path) -> NotifyConfig:
    to_env = _env(environ, "CVTRACKER_NOTIFY_TO")
    if to_env is not None:
        to = check_addresses(split_addresses(to_env), "CVTRACKER_NOTIFY_TO")
    else:
        to = check_addresses(_strings(data, "notify", "to", path), f"{path} [notify] to")
    soon = data.get("soon", DEFAULT_SOON)
    if isinstance(soon, bool) or not isinstance(soon, int) or soon < 0:
        raise InputError("config_expect_days", path=path, section="notify", name="soon")
    units_data = data.get("units", {})
    if not isinstance(units_data, dict):
        raise InputError("config_expect_table", path=path, section="notify", name="units")
    units: dict[str, tuple[str, ...]] = {}
    for unit in units_data:
        values = _strings(units_data, "notify.units", unit, path)
        units[unit] = check_addresses(values, f"{path} [notify.units] {unit}")
    max_rows = data.get("max_rows_per_unit", DEFAULT_MAX_ROWS)
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 0:
        raise InputError(
            "config_expect_count", path=path, section="notify", name="max_rows_per_unit"
        )
    return NotifyConfig(to=to, soon=soon, units=units, max_rows_per_unit=max_rows)


def is_loopback(host: str | None) -> bool:
    return host is not None and host.strip("[]").lower() in LOOPBACK_HOSTS
