"""Front matter is read safely: tags, alias bombs and malformed YAML are one-line errors."""

from __future__ import annotations

import pytest

from sitegen.errors import FrontMatterError
from sitegen.frontmatter import dump_front_matter, split_front_matter


def test_round_trip_keeps_order_unicode_and_quotes_dates() -> None:
    fields = {"title": "Rússia e China", "date": "2024-05-14T15:48:00+01:00", "tags": ["MNE russo"]}
    text = dump_front_matter(fields, "Body.\n")
    assert text.startswith("---\ntitle: Rússia e China\n")
    parsed, body = split_front_matter(text)
    assert parsed == fields and body == "\nBody.\n"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("title: [unclosed\n", "a.md:3: malformed front matter"),
        ("x: !!python/object/apply:os.system ['true']\n", "a.md:2: malformed front matter"),
        ("a: &a [1]\nb: [*a, *a]\n", "a.md:3: malformed front matter: aliases are not allowed"),
        ("- a list\n", "a.md: front matter must be a mapping of fields"),
        ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", "a.md:2: malformed front matter: nested"),
        ("x: " + "{a: " * 60 + "1" + "}" * 60 + "\n", "a.md:2: malformed front matter: nested"),
    ],
)
def test_hostile_front_matter_is_refused(yaml_text: str, message: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(f"---\n{yaml_text}---\nbody\n", "a.md")
    assert str(caught.value).startswith(message)


def test_counted_keys_come_back_as_their_number_of_items() -> None:
    log = "".join(f"- text: block {i}\n  lines: {i}\n  rule: en/ads\n" for i in range(7))
    text = f"---\ntitle: T\nremoved:\n{log}tags: [a]\n---\nBody.\n"
    counted = frozenset({"removed"})
    assert split_front_matter(text, "a.md", counted)[0] == {
        "title": "T",
        "removed": 7,
        "tags": ["a"],
    }
    assert len(split_front_matter(text, "a.md")[0]["removed"]) == 7
    assert split_front_matter("---\nremoved: nothing\n---\n", "a.md", counted)[0] == {"removed": 0}


@pytest.mark.parametrize(
    "log",
    ["removed:\n- text: [unclosed\n", "removed:\n- &a x\n- *a\n"],
)
def test_a_counted_value_is_still_checked(log: str) -> None:
    """Counting skips building the items, not parsing them: their errors are still named."""
    with pytest.raises(FrontMatterError, match=r"a\.md:.*malformed front matter"):
        split_front_matter(f"---\ntitle: T\n{log}---\n", "a.md", frozenset({"removed"}))
