"""The editors' commands, ``python -m newsroom new|check|status`` (``cli``):
a new story's folder (``scaffold``), translation status (``status``); check
itself is ``content.checks``."""
