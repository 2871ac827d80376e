"""Reading PHP's serialize() text into plain values only (php_values.py)."""

import pytest

from newsdesk.wordpress.php_values import MAX_DEPTH, read_php_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("N;", None),
        ("b:1;", True),
        ("i:-42;", -42),
        ("d:0.5;", 0.5),
        ('s:5:"a;b"c";', 'a;b"c'),  # the length decides, not the quotes
        ('s:7:"Łódź";', "Łódź"),  # lengths count bytes: Ł, ó and ź are two each
        ('a:2:{i:0;s:1:"x";s:1:"k";a:0:{}}', {0: "x", "k": {}}),
    ],
)
def test_plain_values(text, value):
    assert read_php_value(text) == value


@pytest.mark.parametrize(
    "text",
    [
        'O:8:"stdClass":0:{}',  # an object
        'C:3:"Foo":0:{}',  # custom-serialized object
        "a:1:{i:0;r:1;}",  # a reference
        "a:1:{b:1;i:0;}",  # a boolean key
        's:9:"short";',  # length past the end
        "b:2;",
        "i:1;tail",
        "",
        "a:1:{" * (MAX_DEPTH + 2),
    ],
)
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError):
        read_php_value(text)
