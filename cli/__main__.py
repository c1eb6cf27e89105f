"""``python -m cli``: the ``ckg`` command."""

import sys

from cli.main import main

sys.exit(main())
