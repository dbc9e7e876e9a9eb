"""The process around the command line: what happens when the output itself cannot be written.

A full disk (``> /dev/full``) or a closed pipe fails while printing or at the final flush; that
is a failure outside the user's control: one line on stderr, exit 1, no traceback.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

# what writing the output fails with when the disk is full or the reader went away
OUTPUT_ERRORS = frozenset(
    {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
)


def run(app: Callable[..., object], argv: Sequence[str] | None = None) -> NoReturn:
    code: int | str | None = 0
    try:
        try:
            app(prog_name="cvtracker")
        except SystemExit as done:
            code = done.code
        sys.stdout.flush()
    except OSError as error:
        if error.errno not in OUTPUT_ERRORS:
            raise
        _say_output_failed(error, argv if argv is not None else sys.argv[1:])
        code = 1
    if isinstance(code, str):  # click's messages travel as SystemExit("text")
        print(code, file=sys.stderr)
        code = 1
    sys.exit(code)


def _say_output_failed(error: OSError, argv: Sequence[str]) -> None:
    from cvtracker.i18n import translate

    # what would be flushed again at exit goes nowhere: the failure is said once, here
    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends
    lang = os.environ.get("CVTRACKER_LANG", "vi")
    for option, value in itertools.pairwise(argv):
        if option == "--lang":
            lang = value
    lang = "en" if lang.strip().lower() == "en" else "vi"
    reason = error.strerror or type(error).__name__
    line = f"{translate(lang, 'error')}: {translate(lang, 'output_failed', reason=reason)}"
    with contextlib.suppress(OSError):
        print(line, file=sys.stderr, flush=True)
