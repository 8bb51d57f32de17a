"""One module per command: the only layer that chooses paths, prints and writes files."""
