"""Source checks that keep escaping on and every lint suppression explained."""

import ast
import io
import re
import tokenize
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUR_APPS = ["careercenter", "notifications", "opportunities", "advising"]
NOT_OURS = {".venv", ".git", "staticfiles", "node_modules", "build", "htmlcov", "artifacts"}
NOT_OURS_PATHS = {Path("static/vendor")}

# Ways to switch off Django's autoescaping, in Python and in templates.
UNSAFE_NAMES = {"mark_safe", "SafeString", "SafeText", "format_html", "format_html_join"}
UNSAFE_TEMPLATE = re.compile(r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off\s*%}")

# Uses that have been reviewed: {"path: code": "why no user content reaches it"}.
ALLOWED_UNSAFE: dict[str, str] = {
    "advising/admin.py: import format_html": "the access-history table: format_html escapes "
    "every value (names, record descriptions), only the table markup is ours",
    "advising/admin.py: import format_html_join": "the access-history rows, escaped the same way",
    "advising/templatetags/advising_tags.py: import format_html_join": "the kept listing "
    "lines: each is a SafeString rendered by a template with autoescaping on, and anything else "
    "would be escaped; a suggestion's reasons: format_html_join escapes each criterion and text "
    "(which can hold admin-entered names), only the list markup and the stance words are ours "
    "(tests/advising/test_reason_items.py)",
}


def source_files(suffix: str, roots=None) -> list[Path]:
    files = []
    for top in roots or [ROOT]:
        for path in sorted(top.rglob(f"*{suffix}")):
            relative = path.relative_to(ROOT)
            if relative.parts[0] in NOT_OURS or any(
                relative.is_relative_to(p) for p in NOT_OURS_PATHS
            ):
                continue
            files.append(path)
    return files


def unsafe_python(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [f"import {a.name}" for a in node.names if a.name in UNSAFE_NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in UNSAFE_NAMES:
            found.append(ast.unparse(node))
    return found


def unsafe_template(source: str) -> list[str]:
    return [match.group(0) for match in UNSAFE_TEMPLATE.finditer(source)]


def test_nothing_turns_autoescaping_off():
    found = []
    for path in source_files(".py", [ROOT / app for app in OUR_APPS]):
        found += [f"{path.relative_to(ROOT)}: {code}" for code in unsafe_python(path.read_text())]
    template_roots = [ROOT / "templates"] + [ROOT / app / "templates" for app in OUR_APPS]
    for path in source_files(".html", [r for r in template_roots if r.exists()]):
        found += [f"{path.relative_to(ROOT)}: {code}" for code in unsafe_template(path.read_text())]

    unreviewed = [f for f in found if f not in ALLOWED_UNSAFE]
    assert not unreviewed, (
        "Output marked safe without review (escape user content, or add the line to "
        "ALLOWED_UNSAFE with the reason no user content can reach it):\n" + "\n".join(unreviewed)
    )


def test_the_unsafe_scans_find_what_they_look_for():
    python = (
        "from django.utils.html import format_html, escape\n"
        "from django.utils import safestring\n"
        "x = safestring.mark_safe(name)\n"
    )
    template = "{{ a|safe }} {{ b | safeseq }} {% autoescape off %}{{ c }}{% endautoescape %}"

    assert unsafe_python(python) == ["import format_html", "safestring.mark_safe"]
    assert unsafe_template(template) == ["|safe", "| safeseq", "{% autoescape off %}"]
    assert unsafe_template("{{ a|safe_name }} {{ b|escape }}") == []


# --- lint suppressions ---------------------------------------------------------------------

NOQA = re.compile(r"#\s*(?P<kind>ruff:\s*noqa|noqa|nosec|type:\s*ignore)\b(?P<rest>.*)", re.I)
CODES = re.compile(r"^\s*(\[[\w-]+(,\s*[\w-]+)*\]|:\s*[A-Z]+[0-9]+(\s*,\s*[A-Z]+[0-9]+)*)")


def unexplained_suppressions(source: str) -> list[str]:
    """Suppression comments without codes, or with codes but no reason after them."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        match = NOQA.search(token.string)
        if not match:
            continue
        codes = CODES.match(match["rest"])
        reason = match["rest"][codes.end() :] if codes else ""
        if match["kind"].lower().startswith("ruff") or not codes or not re.search("[a-z]", reason):
            found.append(f"line {token.start[0]}: {token.string.strip()}")
    return found


def test_every_lint_suppression_names_its_rule_and_says_why():
    found = []
    for path in source_files(".py"):
        found += [
            f"{path.relative_to(ROOT)} {s}" for s in unexplained_suppressions(path.read_text())
        ]

    assert not found, "Write suppressions as `# noqa: S105 (why this is safe)`:\n" + "\n".join(
        found
    )


def test_the_suppression_scan_finds_what_it_looks_for():
    source = (
        "a = 1  # noqa\n"
        "b = 2  # noqa: E501\n"
        "c = 3  # noqa: S105 (demo only)\n"
        "d = 4  # NOQA:F401,E402 kept for the re-export\n"
        "e = 5  # type: ignore\n"
        "f = 6  # type: ignore[attr-defined] django-stubs lacks it\n"
        "# ruff: noqa: E501 whole file\n"
        's = "# noqa inside a string is not a comment"\n'
    )

    assert unexplained_suppressions(source) == [
        "line 1: # noqa",
        "line 2: # noqa: E501",
        "line 5: # type: ignore",
        "line 7: # ruff: noqa: E501 whole file",
    ]


def test_ruff_keeps_the_security_and_django_rules():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]

    assert {"S", "DJ"} <= set(config["select"])
    ignored = config.get("ignore", []) + [
        code
        for pattern, codes in config.get("per-file-ignores", {}).items()
        # Tests and the benchmark tooling never run in the served app.
        if not pattern.startswith(("tests/", "bench/"))
        for code in codes
    ]
    assert not [code for code in ignored if code.startswith(("S", "DJ"))]
