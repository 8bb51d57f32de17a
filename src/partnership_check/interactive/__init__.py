"""The interactive questionnaire: the flow (what to ask next), prompt specs, and the two
prompters that ask them (arrow keys, and plain numbered lines)."""
