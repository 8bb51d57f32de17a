"""The question bank: its models, conditions, loading, and the rules a bank must keep."""
