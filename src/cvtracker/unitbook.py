"""The units registry's file, ``units.yaml`` in ``CVTRACKER_HOME``: read it, and write it
whole (through a temporary file and a rename, so that a reader never sees half of it). Shell:
the rules are in :mod:`cvtracker.units`."""

from __future__ import annotations

import os
from pathlib import Path

from cvtracker.errors import FileProblem
from cvtracker.units import (
    REGISTRY_FILE,
    Registry,
    RegistryFileError,
    dump_registry,
    parse_registry,
)


def registry_path(home: Path) -> Path:
    return home / REGISTRY_FILE


def read_registry(home: Path) -> Registry | None:
    """The registry, or None when the file does not exist (the directives' own units)."""
    path = registry_path(home)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise RegistryFileError([FileProblem(str(path), 0, 0, f"cannot read: {reason}")]) from None
    return parse_registry(text, str(path))


def write_registry(home: Path, registry: Registry) -> Path:
    path = registry_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    spare = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    spare.write_text(dump_registry(registry), encoding="utf-8")
    os.replace(spare, path)
    return path
