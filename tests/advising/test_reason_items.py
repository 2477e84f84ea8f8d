"""The reasons under a suggestion, written by the `reason_items` tag."""

from django.utils.html import escape

from advising.engine import Reason
from advising.templatetags.advising_tags import reason_items


def test_each_reason_says_its_stance_in_words_and_escapes_its_text():
    html = reason_items(
        [
            Reason("industries", "Aims at <b>R&D</b>", 1.0),
            Reason("commitment", "Fixed hours", -0.5),
            Reason("networking", "Either way", 0.0),
        ]
    )

    items = html.split("\n")
    assert items[0] == (
        '<li class="reason reason-for"><span class="visually-hidden">In favour.</span> '
        "<strong>Industries:</strong> Aims at &lt;b&gt;R&amp;D&lt;/b&gt;</li>"
    )
    assert items[1].startswith('<li class="reason reason-against">')
    assert "Against.</span> <strong>Commitment:</strong> Fixed hours" in items[1]
    assert items[2].startswith('<li class="reason reason-neutral">')
    assert "Neutral.</span>" in items[2]
    assert reason_items([]) == ""


def test_a_reason_is_escaped_as_django_escapes_it():
    nasty = """<img src=x onerror="alert('x')"> & co"""
    html = reason_items([Reason("industries", nasty, 1.0)])

    assert f"<strong>Industries:</strong> {escape(nasty)}</li>" in html
    assert "<img" not in html
