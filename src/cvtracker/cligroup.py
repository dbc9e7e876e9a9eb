"""The frame around every command: one error boundary, and the help and the framework's usage
errors in the catalog's words, in the language chosen.

- :class:`CvGroup` (the app and its sub-apps ``task`` and ``db``) turns a :class:`CvError` raised
  anywhere below it into one line on stderr and its exit code, and Click's usage errors (a missing
  argument, an unknown command or option, a bad value) into the catalog's text, exit 2.
- :class:`CvCommand` (every command) checks the arguments before the command runs (no control
  characters, nothing too long) and says the session's notices after it succeeded.
- Both draw their ``--help`` themselves: the help of a command, an option or an argument is a
  catalog key (``help_…``), its metavar a word of the catalog (``mv_UNIT``: ĐƠN_VỊ or UNIT), so
  help is all in one language and never shows a Python type.

The language is the one the settings choose (``--lang``, then ``CVTRACKER_LANG``, then
Vietnamese). On a usage error the root callback may not have run: the arguments and the
environment are read then.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer import _click
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from cvtracker.errors import CvError
from cvtracker.i18n import CATALOG, Lang, translate

if TYPE_CHECKING:
    from cvtracker.session import Session

ARGV_KEY = "cvtracker.argv"
"""Where the root context keeps the arguments it was given (``ctx.meta`` is shared by all)."""
GLOBAL_VALUED = frozenset({"--db", "--directive"})
"""The global options other than ``--lang`` that take a value."""
FRAMEWORK_HELP = {
    "help": "help_help",
    "install_completion": "help_install_completion",
    "show_completion": "help_show_completion",
}
"""The catalog keys of the options Click and Typer add themselves."""


# --- the language -------------------------------------------------------------------------------


def wanted_lang(args: Sequence[str], env: Mapping[str, str]) -> Lang:
    """The language asked for on the command line or in the environment, read without the
    settings: ``--lang`` before the command, then ``CVTRACKER_LANG``; Vietnamese otherwise (also
    for a language that does not exist: the error about it is said by the settings)."""
    value = env.get("CVTRACKER_LANG", "")
    words = iter(args)
    for arg in words:
        if arg == "--lang":
            value = next(words, value)
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg in GLOBAL_VALUED:
            next(words, None)
        elif not arg.startswith("-"):
            break  # the command: what follows is its own
    return "en" if value.strip().lower() == "en" else "vi"


def _session_of(ctx: _click.Context | None) -> Session | None:
    from cvtracker.session import Session

    if ctx is None:
        return None
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Session) else None


def help_lang(ctx: _click.Context | None) -> Lang:
    """The language of help and usage errors: ``--lang`` as given to the root (or found in the
    arguments if the root has not parsed them yet), else the environment."""
    session = _session_of(ctx)
    args: Sequence[str] = ()
    if session is not None:
        args = ["--lang", session.lang_asked] if session.lang_asked is not None else []
    elif ctx is not None:
        args = ctx.find_root().meta.get(ARGV_KEY, ())
    return wanted_lang(args, os.environ)


def error_lang(ctx: _click.Context | None) -> Lang:
    """The language of a CvError's line: the settings' when they can be made; when they are
    themselves wrong (an empty --db), the language asked for, if any."""
    session = _session_of(ctx)
    if session is not None:
        try:
            return session.settings.lang
        except CvError:
            pass
    return help_lang(ctx)


# --- saying errors -------------------------------------------------------------------------------


def say_error(error: CvError, lang: str) -> None:
    """The problems (``PATH:LINE:COL: …``), then one line: ``Lỗi: …``."""
    from cvtracker.errors import FileProblem
    from cvtracker.fileproblems import say
    from cvtracker.textcheck import visible

    for problem in error.problems:
        line = say(problem, lang) if isinstance(problem, FileProblem) else str(problem)
        typer.echo(visible(line), err=True)
    label = translate(lang, "error")
    message = visible(translate(lang, error.key, **error.params))
    typer.echo(f"{label}: {message}", err=True)


class NoSuchCommand(_click.exceptions.UsageError):
    """An unknown command, with the nearest known one if there is one."""

    def __init__(self, name: str, nearest: str | None, ctx: _click.Context) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.nearest = nearest


def metavar(param: _click.Parameter, lang: str) -> str:
    """A parameter's placeholder in the language: ``ĐƠN_VỊ`` or ``UNIT``; never a Python type."""
    name = param.metavar or (param.name or "").upper()
    key = f"mv_{name}"
    return translate(lang, key) if key in CATALOG else name


def _param_hint(param: _click.Parameter | None, lang: str) -> str:
    if param is None:
        return ""
    if isinstance(param, TyperOption) and param.opts:
        return max(param.opts, key=len)
    return metavar(param, lang)


def _bad_value(error: _click.exceptions.BadParameter, lang: str) -> str:
    """``Giá trị không hợp lệ cho '--limit': 'x'; cần một số nguyên``."""
    hint = _param_hint(error.param, lang)
    cause = error.__cause__
    found: dict[str, Any] = {}
    if cause is not None and hasattr(cause, "errors"):
        try:
            found = dict(cause.errors()[0])
        except (IndexError, TypeError):  # pragma: no cover - pydantic always lists one
            found = {}
    kind = str(found.get("type", ""))
    limits = found.get("ctx") or {}
    if kind == "greater_than_equal":
        expected = translate(lang, "usage_want_at_least", value=limits.get("ge"))
    elif kind == "less_than_equal":
        expected = translate(lang, "usage_want_at_most", value=limits.get("le"))
    elif kind.startswith("int_"):
        expected = translate(lang, "usage_want_integer")
    elif kind.startswith("float_"):
        expected = translate(lang, "usage_want_number")
    else:
        expected = ""
    if "input" in found:
        text = translate(lang, "usage_bad_value", param=hint, value=found["input"])
    else:
        text = translate(lang, "usage_bad_value_bare", param=hint)
    return f"{text}; {expected}" if expected else text


def usage_message(error: _click.exceptions.ClickException, lang: str) -> str:
    """Click's message for a usage error, in the catalog's words (its own if it is unknown)."""
    exceptions = _click.exceptions
    if isinstance(error, NoSuchCommand):
        text = translate(lang, "usage_no_command", name=error.name)
        if error.nearest:
            text += " " + translate(lang, "usage_did_you_mean", name=error.nearest)
        return text
    if isinstance(error, exceptions.NoSuchOption):
        text = translate(lang, "usage_no_option", name=error.option_name)
        if error.possibilities:
            text += " " + translate(lang, "usage_did_you_mean", name=error.possibilities[0])
        return text
    if isinstance(error, exceptions.MissingParameter):
        key = "usage_missing_argument"
        if isinstance(error.param, TyperOption):
            key = "usage_missing_option"
        return translate(lang, key, name=_param_hint(error.param, lang))
    if isinstance(error, exceptions.BadParameter):
        return _bad_value(error, lang)
    if isinstance(error, exceptions.BadOptionUsage):
        if "requires" in error.message:
            return translate(lang, "usage_option_needs_value", name=error.option_name)
        if "does not take a value" in error.message:
            return translate(lang, "usage_option_takes_no_value", name=error.option_name)
    message = error.format_message()
    extra = re.fullmatch(r"Got unexpected extra argument\S* \((.*)\)", message)
    if extra:
        return translate(lang, "usage_extra_arguments", args=extra.group(1))
    if message == "Missing command.":
        return translate(lang, "usage_missing_command")
    return message


def say_usage_error(error: _click.exceptions.ClickException, lang: Lang) -> None:
    """As Click shows it (the usage, where to find help, the error), in the language."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, _click.exceptions.NoArgsIsHelpError):
        typer.echo(error.message, err=True)
        return
    if ctx is not None and isinstance(ctx.command, CatalogHelp):
        typer.echo(ctx.command.usage_line(ctx, lang), err=True)
        hint = translate(lang, "usage_try_help", command=ctx.command_path)
        typer.echo(f"{hint}\n", err=True)
    typer.echo(f"{translate(lang, 'error')}: {usage_message(error, lang)}", err=True)


# --- help ---------------------------------------------------------------------------------------


def _help_text(key: str | None, lang: str) -> str:
    return translate(lang, key) if key else ""


def summary(command: _click.Command, lang: str) -> str:
    """A command's help up to its first blank line: its line in the list of commands."""
    return _help_text(command.help, lang).split("\n\n", 1)[0].replace("\n", " ")


def _write_paragraph(formatter: _click.HelpFormatter, paragraph: str) -> None:
    """Its lines that are not indented, wrapped; those indented (examples), as they are."""
    words: list[str] = []
    for line in [*paragraph.splitlines(), " "]:
        if not line.startswith(" "):
            words.append(line)
            continue
        if words:
            with formatter.indentation():
                formatter.write_text(" ".join(words))
            words = []
        if line.strip():
            formatter.write(f"{'':>{formatter.current_indent + 4}}{line.strip()}\n")


class CatalogHelp:
    """``--help`` drawn from the catalog, in the language chosen (mixed into the command classes).

    A help text is a catalog key; its first paragraph is the command's summary; a paragraph whose
    lines are indented (the examples) is printed as it is, the others are wrapped."""

    help: str | None

    def usage_line(self, ctx: _click.Context, lang: str) -> str:
        assert isinstance(self, _click.Command)
        pieces = [ctx.command_path, translate(lang, "usage_options")]
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = metavar(param, lang)
                pieces.append(name if param.required else f"[{name}]")
        if isinstance(self, TyperGroup):
            pieces.append(translate(lang, "usage_command"))
        return f"{translate(lang, 'usage')}: " + " ".join(pieces)

    def help_record(
        self, param: _click.Parameter, ctx: _click.Context, lang: str
    ) -> tuple[str, str]:
        if isinstance(param, TyperOption):
            names = _click.formatting.join_options(param.opts + param.secondary_opts)[0]
            if not param.is_flag and not param.count:
                names += " " + metavar(param, lang)
            key = FRAMEWORK_HELP.get(param.name or "", getattr(param, "help", None))
        else:
            names = metavar(param, lang)
            key = getattr(param, "help", None)
        text = _help_text(key, lang)
        if param.required:
            text = f"{text}  [{translate(lang, 'help_required')}]".strip()
        return names, text

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        assert isinstance(self, _click.Command)
        lang = help_lang(ctx)
        formatter.write(self.usage_line(ctx, lang) + "\n")
        text = _help_text(self.help, lang)
        for paragraph in text.split("\n\n") if text else ():
            formatter.write_paragraph()
            _write_paragraph(formatter, paragraph)
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if getattr(param, "hidden", False):
                continue
            record = self.help_record(param, ctx, lang)
            (arguments if isinstance(param, TyperArgument) else options).append(record)
        for title, rows in (("help_arguments", arguments), ("help_options", options)):
            if rows:
                with formatter.section(translate(lang, title)):
                    formatter.write_dl(rows)
        if isinstance(self, TyperGroup):
            commands = [
                (name, summary(command, lang))
                for name, command in self.commands.items()
                if not command.hidden
            ]
            if commands:
                with formatter.section(translate(lang, "help_commands")):
                    formatter.write_dl(commands)


@dataclass(frozen=True)
class QuickCoercion(RuntimeParam):
    """Typer's coercion of a value, without building a pydantic ``TypeAdapter`` for every
    parameter of the command line on every run (Typer builds one per parameter, given or not:
    tens of ms, and pydantic's plugin scan). A missing value, a text for a ``str`` parameter, a
    whole number for an ``int`` one without bounds, True or False for a ``bool`` one are what
    Typer's adapter would give back unchanged; anything else goes to the adapter Typer builds
    (the same value, or the same error)."""

    def _coerce_value(self, value: Any, param: Any, ctx: _click.Context) -> Any:
        info = self.parameter_info
        if info.parser is None:
            kind = type(value)
            if self.annotation is str and kind is str:
                return value
            if self.annotation is int and kind is int and info.min is None and info.max is None:
                return value
            if self.annotation is bool and kind is bool:
                return value
        runtime = param._runtime_param = build_runtime_param(param.type_descriptor)
        return runtime.coerce(value, param=param, ctx=ctx)


def quick_coercion(command: _click.Command, ctx: _click.Context) -> None:
    """Give the command's plain ``str``, ``int`` and ``bool`` parameters :class:`QuickCoercion`
    (a flag left unset is None: Typer would build the adapter to give None back)."""
    for param in command.get_params(ctx):  # --help too
        descriptor = getattr(param, "type_descriptor", None)
        if (
            descriptor is not None
            and getattr(param, "_runtime_param", True) is None
            and descriptor.annotation in (str, int, bool)
            and descriptor.file_annotation is None
        ):
            param._runtime_param = QuickCoercion(  # type: ignore[attr-defined]
                annotation=descriptor.annotation, parameter_info=descriptor.parameter_info
            )


class CvCommand(CatalogHelp, TyperCommand):
    """A command: its arguments checked before it runs, the session's notices after."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        quick_coercion(self, ctx)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: _click.Context) -> Any:
        from cvtracker.textcheck import check_arguments

        check_arguments(ctx.params)  # no control characters, nothing too long, from anyone
        result = super().invoke(ctx)
        session = _session_of(ctx)
        # after success only: a new ledger created, the ledger in use (--verbose)
        for line in session.notices if session is not None else ():
            typer.echo(line, err=True)
        return result


class CvGroup(CatalogHelp, TyperGroup):
    """The app and its sub-apps: the one error boundary for every command below them."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        quick_coercion(self, ctx)
        if ctx.parent is None:  # the root: keep what was typed, for the language of errors
            ctx.meta[ARGV_KEY] = list(args)
        return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        name = args[0]
        if (
            self.get_command(ctx, name) is None
            and not ctx.resilient_parsing
            and not name.startswith("-")
        ):
            nearest = difflib.get_close_matches(name, list(self.commands), n=1)
            raise NoSuchCommand(name, nearest[0] if nearest else None, ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CvError as error:
            say_error(error, error_lang(ctx))
            raise typer.Exit(error.exit_code) from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except _click.exceptions.ClickException as error:
            if not standalone_mode:
                raise
            ctx = getattr(error, "ctx", None)
            say_usage_error(error, help_lang(ctx) if ctx else wanted_lang(argv, os.environ))
            _exit(error.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            typer.echo(translate(wanted_lang(argv, os.environ), "aborted"), err=True)
            _exit(1)
        if not standalone_mode:
            return result
        # without standalone mode, Click returns typer.Exit's code, or the command's result
        _exit(result if isinstance(result, int) else 0)


def _exit(code: int) -> NoReturn:
    sys.exit(code)


class LazyCommands(MutableMapping[str, _click.Command]):
    """A group's commands by name, in the order declared, each made from its declaration when
    it is first asked for: a command line runs one command, and Typer's making of a command
    (reading its function's signature and annotations) costs about a millisecond a command."""

    def __init__(self, makers: Mapping[str, Callable[[], _click.Command]]) -> None:
        self._makers = dict(makers)
        self._made: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._made:
            self._made[name] = self._makers[name]()  # KeyError: no such command
        return self._made[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._makers[name] = lambda: command
        self._made[name] = command

    def __delitem__(self, name: str) -> None:
        del self._makers[name]
        self._made.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def __contains__(self, name: object) -> bool:
        return name in self._makers


def lazy_command(app: typer.Typer) -> _click.Command:
    """What ``typer.main.get_command(app)`` makes, with :class:`LazyCommands`: the group itself
    (its callback and options) at once, each command and sub-group when first asked for."""
    from typer import main as typer_main

    commands, groups = app.registered_commands, app.registered_groups
    if not app.registered_callback:  # the group's own making needs its commands
        return typer_main.get_command(app)
    app.registered_commands, app.registered_groups = [], []
    try:
        root = typer_main.get_command(app)
    finally:
        app.registered_commands, app.registered_groups = commands, groups
    assert isinstance(root, TyperGroup)
    options: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }
    makers: dict[str, Callable[[], _click.Command]] = {}
    for info in commands:
        assert info.callback is not None
        name = info.name or typer_main.get_command_name(info.callback.__name__)
        makers[name] = functools.partial(typer_main.get_command_from_info, info, **options)
    for sub in groups:
        group_name = typer_main.solve_typer_info_defaults(sub).name
        assert group_name, "every sub-app is added with a name"
        makers[group_name] = functools.partial(
            typer_main.get_group_from_info, sub, suggest_commands=app.suggest_commands, **options
        )
    root.commands = LazyCommands(makers)
    return root


class App(typer.Typer):
    """A Typer app whose groups are :class:`CvGroup` and whose commands are :class:`CvCommand`
    unless told otherwise; run, it makes only the command asked for (:func:`lazy_command`)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # Typer's own __call__ also installs its exception hook, which with
        # pretty_exceptions_enable=False hands every exception to Python's
        return lazy_command(self)(*args, **kwargs)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", CvGroup)
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("add_completion", False)
        kwargs.setdefault("pretty_exceptions_enable", False)
        kwargs.setdefault("rich_markup_mode", None)
        super().__init__(**kwargs)

    def command(  # type: ignore[override]
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return super().command(name, cls=cls or CvCommand, **kwargs)
