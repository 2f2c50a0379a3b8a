"""``python -m newsroom``: the editors' commands (see ``newsroom.editors.cli``)."""

import sys

from newsroom.editors.cli import main

sys.exit(main())
