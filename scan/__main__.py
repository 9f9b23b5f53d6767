"""Entry point for ``python -m scan``."""

from scan.cli import main

raise SystemExit(main())
