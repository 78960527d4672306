"""``python -m game`` does what the ``brinkmanship`` command does."""

import sys

from game.cli.main import main

sys.exit(main())
