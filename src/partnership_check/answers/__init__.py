"""Answer files: their model, reading one with every problem located, and matching it
against a bank."""
