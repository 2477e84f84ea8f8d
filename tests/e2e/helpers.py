"""What a person does in the browser, and the checks we run on every page they see.

Import from here in journey tests: `from tests.e2e.helpers import login, axe_check, ...`.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from tests.careercenter.test_accounts import code_in

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
PHONE = {"width": 390, "height": 844}

# WCAG 2.0, 2.1 and 2.2 at levels A and AA; the best-practice rules are left out.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

_axe = Axe()


# --- what a person does ---------------------------------------------------------------------


def login(page: Page, email: str, password: str, *, expect_success: bool = True) -> None:
    """Log in through the site's login form, typing and clicking as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    if expect_success:
        expect(page.get_by_role("button", name="Log out")).to_be_attached()


def admin_login(page: Page, email: str, password: str) -> None:
    """Log in through the admin's own login form."""
    page.goto("/admin/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def sign_up(page: Page, email: str, password: str, *, verify: bool = True) -> None:
    """Create a student account through the sign-up form, then type the code the site e-mailed
    to the address (read from the test server's outbox), as the student would; the new student
    is then logged in. `verify=False` stops on the page that asks for the code."""
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(password)
    page.get_by_label("Password (again)").fill(password)
    sent = len(mail.outbox)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Enter Email Verification Code")).to_be_visible()
    if verify:
        enter_code(page, code_sent_to(email, since=sent))


def code_sent_to(email: str, *, since: int = 0) -> str:
    """The verification code in the last e-mail the site sent to `email` (after `since`)."""
    for message in reversed(mail.outbox[since:]):
        if email.lower() in (to.lower() for to in message.to):
            return code_in(message)
    raise AssertionError(f"no verification e-mail to {email}")


def enter_code(page: Page, code: str) -> None:
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()


def log_out(page: Page) -> None:
    """Press the nav's "Log out" button, opening the phone menu first if it is collapsed."""
    toggler = page.get_by_role("button", name="Show navigation")
    if toggler.is_visible():
        toggler.click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


# --- checks ---------------------------------------------------------------------------------


def axe_check(page: Page, name: str) -> dict:
    """Run axe-core (WCAG 2.x A/AA rules) on the page as it is now; fail on serious or critical.

    Every violation found, whatever its impact, is written to artifacts/e2e/axe/<name>.json so
    the lesser ones can be read too. Returns axe's full result.
    """
    __tracebackhide__ = True
    # axe-core itself sets a style attribute on some pages (the admin's), which the site's CSP
    # blocks and the console reports; conftest ignores exactly that report while axe runs.
    page.e2e_axe_running = True
    try:
        results = _axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        ).response
        page.evaluate("() => 0")  # a round trip, so the console events of the run arrive first
    finally:
        page.e2e_axe_running = False
    violations = results["violations"]
    report = ARTIFACTS / "axe" / f"{name}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(
        json.dumps(
            {
                "url": page.url,
                "violations": [
                    {
                        "id": v["id"],
                        "impact": v["impact"],
                        "help": v["help"],
                        "targets": [node["target"] for node in v["nodes"]],
                    }
                    for v in violations
                ],
            },
            indent=2,
        )
    )
    failing = [
        (violation, node)
        for violation in violations
        for node in violation["nodes"]
        if (node.get("impact") or violation["impact"]) in FAILING_IMPACTS
    ]
    if failing:
        lines = [
            f"{v['id']} ({node.get('impact') or v['impact']}): {v['help']}\n"
            f"    at {', '.join(map(str, node['target']))}\n"
            f"    {node.get('failureSummary', '').strip().replace(chr(10), ' ')}"
            for v, node in failing
        ]
        raise AssertionError(
            f"axe found {len(failing)} serious/critical problem(s) on {name} ({page.url}):\n  "
            + "\n  ".join(lines)
            + f"\n(all violations: {report})"
        )
    return results


def assert_no_horizontal_scroll(page: Page) -> None:
    """At a phone's width (390×844) the page never needs scrolling sideways."""
    __tracebackhide__ = True
    page.set_viewport_size(PHONE)
    widths = page.evaluate(
        """() => ({
            scroll: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            widest: [...document.querySelectorAll("body *")]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
              .slice(0, 5)
              .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                   + (el.className && typeof el.className === "string"
                      ? "." + el.className.trim().split(/\\s+/).join(".") : "")),
        })"""
    )
    assert widths["scroll"] <= widths["viewport"], (
        f"{page.url} scrolls sideways at {PHONE['width']} px: the page is {widths['scroll']} px "
        f"wide; sticking out: {widths['widest']}"
    )


@dataclass(frozen=True)
class Focused:
    """The element that has keyboard focus after one press of Tab."""

    tag: str
    type: str
    id: str
    name: str  # the text a person sees or hears: aria-label, label, text, value
    region: str  # "nav", "main", "footer" or "" (outside all three)
    focus_visible: bool  # its focus ring differs from its look without focus, and shows
    ring: str  # the computed outline and box-shadow while focused

    @property
    def is_page(self) -> bool:
        """Focus left the page's elements (it went past the last one)."""
        return self.tag in ("body", "html")

    def __str__(self) -> str:
        ident = f"#{self.id}" if self.id else ""
        return f"<{self.tag}{ident}> {self.name!r} in {self.region or 'page'}"


_REMEMBER_RESTING_STYLES = """() => {
  const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
  window.__e2eResting = new Map();
  for (const el of document.querySelectorAll(selector)) {
    const s = getComputedStyle(el);
    const ring = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
    window.__e2eResting.set(el, ring);
  }
  window.__e2eLastFocused = document.activeElement;
}"""

_DESCRIBE_FOCUSED = """() => {
  const el = document.activeElement || document.body;
  const same = el === window.__e2eLastFocused && el !== document.body;
  window.__e2eLastFocused = el;
  const s = getComputedStyle(el);
  const ring = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
  const hasRing = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
                  || (s.boxShadow && s.boxShadow !== "none");
  const resting = window.__e2eResting && window.__e2eResting.get(el);
  const box = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  const region = el.closest("nav") ? "nav" : el.closest("main") ? "main"
               : el.closest("footer") ? "footer" : "";
  const isPage = el === document.body || el === document.documentElement;
  return {
    same,
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute("type") || "",
    id: el.id || "",
    name: isPage ? "" : (el.getAttribute("aria-label") || label || el.innerText || el.value || "")
          .replace(/\\s+/g, " ").replace(/\\*$/, "").trim(),
    region,
    focus_visible: Boolean(hasRing && ring !== resting && box.width > 0 && box.height > 0),
    ring,
  };
}"""


# Inputs whose parts each take a Tab stop in Chromium (a date's month, day and year).
_SEGMENTED = {"date", "datetime-local", "time", "month", "week"}
_SEGMENTS_MAX = 4


def tab_through(page: Page, n: int) -> list[Focused]:
    """Press Tab n times from the top of the page; return each element that took focus.

    Fails if focus stays on one element for two presses (a keyboard trap), except while Tab
    walks through the parts of a date or time field (each part is its own stop).
    """
    __tracebackhide__ = True
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.evaluate(_REMEMBER_RESTING_STYLES)
    sequence = []
    stays = 0
    for _ in range(n):
        page.keyboard.press("Tab")
        info = page.evaluate(_DESCRIBE_FOCUSED)
        same = info.pop("same")
        focused = Focused(**info)
        if same and focused.type in _SEGMENTED and stays < _SEGMENTS_MAX:
            # Tab moves through a date field's parts (month, day, year) before leaving it.
            stays += 1
            continue
        stays = 0
        assert not same, f"focus is trapped on {focused} after {[str(f) for f in sequence]}"
        sequence.append(focused)
    return sequence


def tab_round(page: Page, *, max_presses: int = 80) -> list[Focused]:
    """Tab from the top of the page until focus leaves its last element; return that round.

    A complete round proves there is no keyboard trap anywhere on the page.
    """
    __tracebackhide__ = True
    sequence = tab_through(page, max_presses)
    for i, focused in enumerate(sequence):
        if focused.is_page:
            return sequence[:i]
    raise AssertionError(
        f"Tab never left the page's elements in {max_presses} presses: {[str(f) for f in sequence]}"
    )


def tab_to(page: Page, target: Locator, *, max_presses: int = 40) -> int:
    """Press Tab until `target` has focus, as a keyboard user would; return how many presses."""
    __tracebackhide__ = True
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if target.evaluate("(el) => el === document.activeElement"):
            return presses
    raise AssertionError(f"{target} never got focus in {max_presses} presses of Tab")


def assert_focus_visible(sequence: list[Focused]) -> None:
    __tracebackhide__ = True
    hidden = [str(f) for f in sequence if not f.is_page and not f.focus_visible]
    assert not hidden, f"no visible focus indicator on: {hidden}"


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot to artifacts/e2e/<name>.png (git-ignored; kept by CI)."""
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=True)
    return path
