"""The nesting pre-check's fast path gives the same answer as the full prefix scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from partnership_check.loading.parser import _PREFIX, MAX_DEPTH, _maybe_too_deep


def _full_scan(text: str) -> bool:
    flow = text.count("[") + text.count("{")
    if flow > MAX_DEPTH:
        return True
    block = max((len(m) for m in _PREFIX.findall(text)), default=0)
    return flow + block + 1 > MAX_DEPTH


_LINE = st.builds(
    lambda indent, rest: indent + rest,
    st.text(alphabet=" \t-?:", max_size=80),
    st.text(alphabet="ab: -[{\t", max_size=90),
)


@settings(max_examples=1500)
@given(st.lists(_LINE, max_size=6).map("\n".join) | st.text(alphabet=" \t-?:[{a\n\r", max_size=300))
def test_fast_precheck_matches_full_scan(text: str) -> None:
    assert _maybe_too_deep(text) == _full_scan(text)


def test_deep_block_prefix_on_first_and_later_lines() -> None:
    deep = "- " * MAX_DEPTH + "x"
    assert _maybe_too_deep(deep)
    assert _maybe_too_deep("a: 1\n" + deep)
    assert not _maybe_too_deep("a: 1\nb:\n  - c\n")
    assert not _maybe_too_deep("rule: " + "-" * 80 + "\nnote: x" + " " * 80 + "y\n")
