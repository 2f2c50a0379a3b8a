"""``python -m newsroom``: the editors' commands (see ``newsroom.cli``)."""

import sys

from .cli import main

sys.exit(main())
