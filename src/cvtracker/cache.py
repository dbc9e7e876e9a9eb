"""What every command would otherwise work out again at start: the Vietnamese calendar of a year
(from the ``holidays`` library, whose import alone costs about 0.1 s) and the directive as read
and checked from its YAML text (PyYAML, the duplicate-key check, pydantic).

Shell, not core: it reads and writes files. The folder is ``CVTRACKER_CACHE`` if set (``off``:
no cache), else the user's cache folder (``~/.cache/cvtracker`` on Linux). Each entry names what
it was made from, and is used only when that is unchanged:

- a calendar year: the ``holidays`` library's version file and its ``vietnam.py``, and this
  package's ``dates.py`` (the code that asked the library);
- a directive: the SHA-256 of the text, how it was read (a file is also checked for duplicate
  keys; a directive stored in the ledger is not), the office's units registry it was read with
  (``units.yaml``: its content), the Python and pydantic versions and this package's
  ``directive.py``, ``units.py`` and ``yamlcheck.py``.

Only what was read without an error is kept, so an error is always found and said again. Any
entry that cannot be read, or was written by another user or can be written by others, counts as
missing; a cache that cannot be written is not an error (the command works as without one).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cvtracker.dates import YearCalendar
    from cvtracker.directive import Directive
    from cvtracker.units import Registry

FORMAT = 1
"""Bump when what is stored, or how it is computed, changes in a way the fingerprints miss."""

ENV = "CVTRACKER_CACHE"
KEEP_DIRECTIVES = 32
"""Directive entries kept (the newest); editing a file leaves one entry per version read."""


def cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """The cache folder, or None when ``CVTRACKER_CACHE=off``."""
    environ = os.environ if env is None else env
    value = environ.get(ENV, "").strip()
    if value.lower() == "off":
        return None
    if value:
        return Path(value).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("cvtracker", appauthor=False)


def _stamp(path: str | os.PathLike[str]) -> str:
    """A file's size and modification time, or ``-`` when it cannot be seen."""
    try:
        info = os.stat(path)
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}"


def _own_file(name: str) -> str:
    return os.path.join(os.path.dirname(__file__), name)


def _trusted(handle: Any) -> bool:
    """Written by this user and writable by no one else (a pickle runs code when loaded)."""
    info = os.fstat(handle.fileno())
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and stat.S_ISREG(info.st_mode) and not info.st_mode & 0o022


def _write(folder: Path, name: str, data: bytes) -> None:
    """Replace ``folder/name`` at once (a reader sees the old entry or the new one, whole)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only or full disk: the next command computes it again


def _read(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            if not _trusted(handle):
                return None
            return handle.read()
    except OSError:
        return None


# --- the calendar --------------------------------------------------------------------------------

CALENDAR_FILE = "calendar-vn.json"


def holidays_fingerprint() -> str:
    """What the ``holidays`` library is, found without importing it: its version file's text
    and the size and time of its Vietnam module; and this package's ``dates.py``."""
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    places = list(spec.submodule_search_locations or []) if spec is not None else []
    if not places:
        return "no holidays library"
    folder = places[0]
    try:
        with open(os.path.join(folder, "version.py"), "rb") as handle:
            version = hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        version = "-"
    vietnam = _stamp(os.path.join(folder, "countries", "vietnam.py"))
    return f"{FORMAT}|{folder}|{version}|{vietnam}|{_stamp(_own_file('dates.py'))}"


class CalendarCache:
    """A :data:`cvtracker.dates.YearSource`: a year from the cache file when it was made by the
    same library, else computed by :func:`cvtracker.dates.compute_year` and added to the file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fingerprint: str | None = None
        self._years: dict[str, Any] | None = None

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = holidays_fingerprint()
        return self._fingerprint

    def _stored(self) -> dict[str, Any]:
        if self._years is None:
            self._years = {}
            raw = _read(self.folder / CALENDAR_FILE)
            if raw is not None:
                try:
                    data = json.loads(raw)
                    if data.get("library") == self.fingerprint and isinstance(
                        data.get("years"), dict
                    ):
                        self._years = data["years"]
                except (ValueError, AttributeError):
                    pass
        return self._years

    def __call__(self, year: int) -> YearCalendar:
        from cvtracker.dates import YearCalendar, compute_year

        entry = self._stored().get(str(year))
        if entry is not None:
            try:
                return YearCalendar(
                    year,
                    frozenset(map(dt.date.fromordinal, entry["off"])),
                    frozenset(map(dt.date.fromordinal, entry["holidays"])),
                )
            except (KeyError, TypeError, ValueError, OverflowError):
                pass  # damaged: computed again below
        found = compute_year(year)
        years = self._stored()
        years[str(year)] = {
            "off": sorted(d.toordinal() for d in found.days_off),
            "holidays": sorted(d.toordinal() for d in found.public_holidays),
        }
        text = json.dumps({"library": self.fingerprint, "years": years}, separators=(",", ":"))
        _write(self.folder, CALENDAR_FILE, text.encode())
        return found


_installed: Path | None = None


def use_calendar_cache(folder: Path | None) -> None:
    """Make :mod:`cvtracker.dates` take its years from the cache in ``folder`` (None: from the
    library)."""
    global _installed
    if folder == _installed:
        return
    from cvtracker import dates

    dates.use_year_source(CalendarCache(folder) if folder is not None else None)
    _installed = folder


# --- the directive -------------------------------------------------------------------------------


def _code_fingerprint() -> str:
    import pydantic

    from cvtracker import __version__

    # every module the reading of a directive runs (names: the short-name fold), and the
    # package's version for an install without sources
    files = ("directive.py", "units.py", "yamlcheck.py", "names.py", "errors.py")
    own = "|".join(_stamp(_own_file(name)) for name in files)
    return f"{FORMAT}|{sys.version}|{pydantic.VERSION}|{__version__}|{own}"


def _directive_entry(kind: str, text: str, registry: Registry | None) -> tuple[str, str]:
    """The entry's file name and the key stored in it: the text, how it is read, the units
    registry it is read with."""
    content = text.encode("utf-8", "surrogatepass")
    if registry is not None:
        content += b"\0units.yaml\0" + registry.model_dump_json().encode()
    digest = hashlib.sha256(content).hexdigest()
    units = "units" if registry is not None else "alone"
    return f"directive-{kind}-{digest[:40]}.pickle", f"{kind}|{units}|{digest}"


def _cached_directive(
    folder: Path, kind: str, text: str, registry: Registry | None
) -> tuple[str, str, Directive | None]:
    name, key = _directive_entry(kind, text, registry)
    raw = _read(folder / name)
    if raw is not None:
        try:
            stored_key, code, directive = pickle.loads(raw)
        except Exception:  # a damaged or foreign entry: read again
            return name, key, None
        from cvtracker.directive import Directive

        if stored_key == key and code == _code_fingerprint() and isinstance(directive, Directive):
            return name, key, directive
    return name, key, None


def _keep(folder: Path, name: str, key: str, directive: Directive) -> None:
    data = pickle.dumps((key, _code_fingerprint(), directive), protocol=pickle.HIGHEST_PROTOCOL)
    _write(folder, name, data)
    try:
        entries = sorted(folder.glob("directive-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP_DIRECTIVES]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def directive_text(
    text: str, source: str, folder: Path | None, registry: Registry | None = None
) -> Directive:
    """:func:`cvtracker.directive.parse_directive` of a stored text (no warnings)."""
    from cvtracker.directive import parse_directive

    if folder is None:
        return parse_directive(text, source, warnings=False, registry=registry)[0]
    name, key, directive = _cached_directive(folder, "text", text, registry)
    if directive is None:
        directive = parse_directive(text, source, warnings=False, registry=registry)[0]
        _keep(folder, name, key, directive)
    return directive


def directive_file(path: Path, folder: Path | None, registry: Registry | None = None) -> Directive:
    """What ``check_directive_file`` then ``load_directive`` give for ``path`` (with the units
    registry): the directive, or the same error."""
    from cvtracker.directive import load_directive
    from cvtracker.settings import check_directive_file, check_directive_size

    if folder is None:
        check_directive_file(path)
        return load_directive(path, registry)
    check_directive_size(path)
    try:
        # as Path.read_text reads it: UTF-8, universal newlines
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError):
        check_directive_file(path)
        return load_directive(path, registry)  # says why it cannot be read, in its own words
    name, key, directive = _cached_directive(folder, "file", text, registry)
    if directive is None:
        from cvtracker.directive import parse_directive
        from cvtracker.errors import DirectiveFileError
        from cvtracker.yamlcheck import duplicate_keys

        problems = duplicate_keys(text, str(path))
        if problems:
            raise DirectiveFileError(problems)
        directive = parse_directive(text, str(path), warnings=False, registry=registry)[0]
        _keep(folder, name, key, directive)
    return directive
