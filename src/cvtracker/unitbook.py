"""The units registry's file, ``units.yaml`` in ``CVTRACKER_HOME``: read it, and write it
whole (through a temporary file and a rename, so that a reader never sees half of it). Shell:
the rules are in :mod:`cvtracker.units`, imported only when there is a file to read or write
(with PyYAML: a command of an office without a registry needs neither, issue 8)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from cvtracker.errors import FileProblem

if TYPE_CHECKING:
    from cvtracker.units import Registry

REGISTRY_FILE = "units.yaml"
"""As :data:`cvtracker.units.REGISTRY_FILE` (tests/test_startup.py checks), named here so that
finding no registry imports nothing."""


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
        from cvtracker.units import RegistryFileError

        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise RegistryFileError([FileProblem(str(path), 0, 0, f"cannot read: {reason}")]) from None
    from cvtracker.units import parse_registry

    return parse_registry(text, str(path))


def write_registry(home: Path, registry: Registry) -> Path:
    from cvtracker.units import dump_registry

    path = registry_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    spare = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    spare.write_text(dump_registry(registry), encoding="utf-8")
    os.replace(spare, path)
    return path
