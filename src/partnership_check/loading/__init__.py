"""The first stage: reading files safely (YAML, JSON), locating problems in them, and
writing files atomically under safe names."""
