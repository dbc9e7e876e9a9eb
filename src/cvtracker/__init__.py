"""cvtracker: follow Công văn 968/UBND-TH through to the end."""

__version__ = "0.1.0"
