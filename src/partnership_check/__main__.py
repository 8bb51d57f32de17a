"""``python -m partnership_check``."""

from partnership_check.cli import run

run()
