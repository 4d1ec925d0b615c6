"""`python -m codemods` runs the `tf1compat-migrate` command line."""

import sys

from codemods.cli import main

sys.exit(main())
