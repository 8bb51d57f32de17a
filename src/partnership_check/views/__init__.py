"""Views over many scored results: the partnership view (compare), progress between two
assessments, and the batch summary."""
