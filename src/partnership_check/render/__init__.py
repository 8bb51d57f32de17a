"""Turning results into text: the one Jinja environment, the report, chart, views,
problem reporters, the blank answer file and the JSON Schemas."""
