"""Each command's flow, one module per command or family, read top to bottom: resolve the input
once into typed values, read, compute, then render or write (:func:`output.emit` chooses
``--json`` or what people read). :mod:`cvtracker.cli` only declares the commands."""
