"""Each command's flow, top to bottom, for the commands whose declaration in ``cli`` is thin."""
