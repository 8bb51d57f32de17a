"""partnership-check: partnership-readiness self-assessment for UK archive services."""

__version__ = "0.1.0"
