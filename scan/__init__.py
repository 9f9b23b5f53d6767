"""The application around the pure core: database, services, pages and the command line.

``__version__`` is the project's version in one place for the code (``python -m scan --version``);
pyproject.toml carries the same number (a unit test keeps them equal) and CHANGELOG.md says
what changed in it.
"""

__version__ = "0.2.0"
