"""The checks themselves catch what they claim to, on small pages made for the purpose."""

import pytest

from .helpers import (
    PHONE,
    assert_focus_visible,
    assert_no_horizontal_scroll,
    axe_check,
    tab_through,
)

pytestmark = pytest.mark.e2e

PAGE = """<!doctype html><html lang="en"><head><title>t</title>
<style>{style}</style></head><body><main>{body}</main></body></html>"""


def test_axe_check_fails_on_a_serious_violation(page):
    page.set_content(PAGE.format(style="", body='<h1>t</h1><img src="x.png">'))

    with pytest.raises(AssertionError, match=r"image-alt \(critical\).*\n.*at img"):
        axe_check(page, "self-test-image-alt")


def test_axe_check_passes_a_clean_page(page):
    page.set_content(PAGE.format(style="", body="<h1>t</h1><p>Fine.</p>"))

    axe_check(page, "self-test-clean")


def test_horizontal_scroll_is_caught_with_the_culprit(new_page):
    page = new_page(viewport=PHONE)
    page.set_content(PAGE.format(style=".wide { width: 600px }", body='<div class="wide">x</div>'))

    with pytest.raises(AssertionError, match=r"page is 6\d\d px wide.*div\.wide"):
        assert_no_horizontal_scroll(page)


def test_tab_through_reports_a_keyboard_trap(page):
    page.set_content(PAGE.format(style="", body='<input id="a"><input id="trap"><a href="#">x</a>'))
    page.evaluate(
        """() => document.getElementById("trap").addEventListener("keydown", (e) => {
             if (e.key === "Tab") e.preventDefault();
           })"""
    )

    with pytest.raises(AssertionError, match=r"focus is trapped on <input#trap>"):
        tab_through(page, 4)


def test_focus_without_a_visible_ring_is_reported(page):
    style = "a:focus, button:focus { outline: none; } .ring:focus { outline: 2px solid black; }"
    body = '<a class="ring" href="#">ringed</a><button>bare</button>'
    page.set_content(PAGE.format(style=style, body=body))

    sequence = tab_through(page, 2)

    assert [f.focus_visible for f in sequence] == [True, False]
    with pytest.raises(AssertionError, match=r"<button> 'bare'"):
        assert_focus_visible(sequence)


def test_console_errors_and_csp_violations_are_caught(page, browser_problems):
    page.goto("/help/")
    page.evaluate("() => document.body.setAttribute('style', 'color: red')")
    page.evaluate("() => console.error('something broke')")

    page.wait_for_function("() => true")  # one more round trip: the reports have arrived
    reported = "\n".join(browser_problems.lines)
    assert "CSP violation: style-src-attr blocked inline" in reported
    assert "console error on" in reported and "something broke" in reported
    browser_problems.lines.clear()  # provoked on purpose; any other would still fail the test
