"""Where things are and who is asking: environment variables, options and the clock.

The shell's only door to the outside world for the core: the day (in Asia/Ho_Chi_Minh whatever the
machine's time zone), the database URL, the directive file and the language.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from cvtracker.dates import TIMEZONE
from cvtracker.errors import InputError
from cvtracker.i18n import LANGS, Lang
from cvtracker.textcheck import check_field

DB_FILENAME = "ledger.db"


def database_url(value: str) -> str:
    """A path or an SQLAlchemy URL, as given to ``--db`` or ``CVTRACKER_DB``."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def packaged_directive() -> Path:
    return Path(__file__).parent / "data" / "directive_968.yaml"


def home(env: Mapping[str, str]) -> Path:
    if value := env.get("CVTRACKER_HOME"):
        return Path(value).expanduser()
    from platformdirs import user_data_path

    return user_data_path("cvtracker", appauthor=False)


def today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Viet Nam, whatever the machine's time zone."""
    moment = now if now is not None else dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(ZoneInfo(TIMEZONE)).date()


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def current_user() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def parse_lang(value: str) -> Lang:
    lowered = value.strip().lower()
    for lang in LANGS:
        if lowered == lang:
            return lang
    raise InputError("bad_lang", value=value)


@dataclass(frozen=True)
class Settings:
    lang: Lang
    db_url: str
    directive_path: Path
    home: Path
    # where each choice came from, for `cvtracker info` and --verbose: an option ("--db"), an
    # environment variable ("CVTRACKER_DB") or "default"
    db_source: str = "default"
    directive_source: str = "default"
    home_source: str = "default"

    @property
    def default_db(self) -> bool:
        """Whether the ledger is the default one, ``$CVTRACKER_HOME/ledger.db``."""
        return self.db_url == database_url(str(self.home / DB_FILENAME))

    @classmethod
    def resolve(
        cls,
        *,
        lang: str | None = None,
        db: str | None = None,
        directive: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Settings:
        """Options win over environment variables, which win over the defaults."""
        environ = os.environ if env is None else env
        for option, given in (("--lang", lang), ("--db", db), ("--directive", directive)):
            if given is not None and not given.strip():
                # an empty option is a mistake (an unset shell variable), not "the default"
                raise InputError("db_empty_option", option=option)
            if given is not None:
                check_field(option, given)
        folder = home(environ)
        lang_value = lang or environ.get("CVTRACKER_LANG") or "vi"
        db_value = db or environ.get("CVTRACKER_DB") or str(folder / DB_FILENAME)
        directive_value = directive or environ.get("CVTRACKER_DIRECTIVE")
        for name, value in (("CVTRACKER_DB", db_value), ("CVTRACKER_DIRECTIVE", directive_value)):
            if value:
                check_field(name, value)
        return cls(
            db_source=_source(db, "--db", environ, "CVTRACKER_DB"),
            directive_source=_source(directive, "--directive", environ, "CVTRACKER_DIRECTIVE"),
            home_source="CVTRACKER_HOME" if environ.get("CVTRACKER_HOME") else "default",
            lang=parse_lang(lang_value),
            db_url=database_url(db_value),
            directive_path=Path(directive_value).expanduser()
            if directive_value
            else packaged_directive(),
            home=folder,
        )


def _source(option: str | None, flag: str, environ: Mapping[str, str], variable: str) -> str:
    if option:
        return flag
    return variable if environ.get(variable) else "default"


# A directive file is a few hundred lines; this bound keeps `validate /dev/zero` or a wrong path
# from eating the machine's memory.
MAX_DIRECTIVE_BYTES = 4 * 1024 * 1024


def check_directive_file(path: Path) -> None:
    """A regular file of a sane size (the loader reads it whole), naming no key twice."""
    if not check_directive_size(path):
        return
    from cvtracker.yamlcheck import check_duplicate_keys

    check_duplicate_keys(path)


def check_directive_size(path: Path) -> bool:
    """A regular file of a sane size; False when it cannot be seen (the loader says why)."""
    import stat

    try:
        info = path.stat()
    except OSError:
        return False  # the loader says the file cannot be read, in its own words
    if not stat.S_ISREG(info.st_mode):
        raise InputError("file_not_regular", path=path)
    if info.st_size > MAX_DIRECTIVE_BYTES:
        raise InputError("file_too_big", path=path, size=info.st_size, limit=MAX_DIRECTIVE_BYTES)
    return True


def check_output_target(target: Path, settings: Settings) -> None:
    """``report -o`` replaces other files, never the ledger, the config file or any SQLite
    database (a typo must not destroy what the report is made from)."""
    from sqlalchemy.engine import make_url

    from cvtracker.config import config_path
    from cvtracker.ledger import SQLITE_HEADER

    if not target.exists():
        return
    ledger = make_url(settings.db_url).database if settings.db_url.startswith("sqlite") else None
    protected: list[tuple[Path, str]] = [(config_path(os.environ), "output_is_config")]
    if ledger:
        protected.append((Path(ledger), "output_is_ledger"))
    for path, key in protected:
        try:
            same = path.exists() and target.samefile(path)
        except OSError:
            same = False
        if same:
            raise InputError(key, path=target)
    try:
        with target.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return  # writing says why it cannot
    if header == SQLITE_HEADER:
        raise InputError("output_is_database", path=target)


def choose_format(
    fmt: str | None,
    output: str | None,
    extensions: Mapping[str, str],
    default: str,
    *,
    strict: bool,
) -> str:
    """The output format: ``--format`` if given (one of ``extensions``' values), else the one
    ``-o``'s extension names, else ``default``. An unknown extension is refused when
    ``strict`` (the report), and means ``default`` otherwise (the export)."""
    from pathlib import PurePath

    formats = tuple(dict.fromkeys([default, *extensions.values()]))
    if fmt is not None:
        wanted = fmt.strip().lower()
        if wanted not in formats:
            raise InputError("report_bad_format", value=fmt, choices=", ".join(formats))
        return wanted
    if output is None or output == "-":
        return default
    suffix = PurePath(output).suffix.lower()
    if suffix in extensions:
        return extensions[suffix]
    if strict:
        raise InputError("report_unknown_extension", path=output, choices=", ".join(formats))
    return default
