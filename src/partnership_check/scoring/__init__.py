"""Pure scoring: from a bank and matched answers to a :class:`~.results.ServiceResult`."""
