"""The two rules of docs/architecture.md, read from the product's source (its syntax trees).

1. Dependencies run one way: advising → opportunities → notifications → careercenter. An app
   imports only the apps below it, and no product module imports the benchmark or the tests.
2. The performance tricks (Django's private attributes, hand-written SQL, output marked safe,
   values kept per process by a decorator) live only in `<app>/fastpath.py`, whose docstring
   lists each trick, its measured gain and the test that pins it.

Migrations, tests and bench/ are not product modules. `careercenter/urls.py` and the settings
name the apps as strings (`include("advising.urls")`, INSTALLED_APPS): that is wiring, not an
import, and is not checked.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Highest first: an app may import the apps after it, never those before it.
APPS = ("advising", "opportunities", "notifications", "careercenter")
NOT_PRODUCT = ("bench", "tests")
FASTPATH = "fastpath.py"


def product_modules(app: str) -> list[Path]:
    return sorted(path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)


def imported_modules(tree: ast.AST) -> list[str]:
    """Absolute module names a module imports: import statements anywhere (also inside
    functions) and `import_module("…")` with a literal name. Relative imports stay in the app."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
        elif (
            isinstance(node, ast.Call)
            and _name(node.func) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(node.args[0].value)
    return found


def forbidden_imports(app: str, source: str) -> list[str]:
    """What a module of `app` imports from an app above it, the benchmark or the tests."""
    above = set(APPS[: APPS.index(app)]) | set(NOT_PRODUCT)
    return [name for name in imported_modules(ast.parse(source)) if name.split(".")[0] in above]


def _name(node: ast.AST) -> str | None:
    """The last name of `x`, `a.b.x`: what a call or decorator is called."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


# Names whose mere use is the trick, wherever they appear (a call, a decorator, an import).
TRICK_NAMES = {
    "get_compiler": "compiled SQL (get_compiler)",
    "sql_with_params": "compiled SQL (sql_with_params)",
    "RawSQL": "hand-written SQL (RawSQL)",
    "mark_safe": "output marked safe (mark_safe)",
    "lru_cache": "a value kept per process (lru_cache)",
    "_prefetched_objects_cache": "Django's private prefetch cache (_prefetched_objects_cache)",
    "_result_cache": "a QuerySet's private result cache (_result_cache)",
}
# QuerySet methods that take SQL.
SQL_METHODS = {"raw": "hand-written SQL (.raw())", "extra": "hand-written SQL (.extra())"}


def tricks(source: str) -> list[str]:
    """The performance tricks in a module's source, one "line N: what" per use."""
    tree = ast.parse(source)
    from_functools = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "functools"
        for alias in node.names
    }
    found = []
    for node in ast.walk(tree):
        found += [(node.lineno, trick) for trick in _node_tricks(node, from_functools)]
    return [f"line {line}: {trick}" for line, trick in sorted(found)]


def _node_tricks(node: ast.AST, from_functools: set[str]) -> list[str]:
    found = []
    if isinstance(node, ast.Name | ast.Attribute) and _name(node) in TRICK_NAMES:
        found.append(TRICK_NAMES[_name(node)])
    elif isinstance(node, ast.alias) and node.name.rpartition(".")[2] in TRICK_NAMES:
        found.append(TRICK_NAMES[node.name.rpartition(".")[2]])
    elif isinstance(node, ast.Constant) and node.value in TRICK_NAMES:
        found.append(TRICK_NAMES[node.value])  # getattr(obj, "_result_cache")
    if isinstance(node, ast.Attribute) and node.attr == "cursor":
        if "connection" in ast.unparse(node.value):
            found.append("hand-written SQL (connection.cursor)")
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_METHODS
    ):
        found.append(SQL_METHODS[node.func.attr])
    if _is_functools_cache(node, from_functools):
        found.append("a value kept per process (functools.cache)")
    if _writes_model_state(node):
        found.append("a write to a model's private _state")
    return found


def _is_functools_cache(node: ast.AST, from_functools: set[str]) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "cache":
        return isinstance(node.value, ast.Name) and node.value.id == "functools"
    return isinstance(node, ast.Name) and node.id == "cache" and "cache" in from_functools


def _writes_model_state(node: ast.AST) -> bool:
    """`obj._state.adding = …` (also augmented or annotated) or `setattr(obj._state, …)`."""
    if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(
            isinstance(t, ast.Attribute) and _name(t.value) == "_state"
            for target in targets
            for t in ast.walk(target)
        )
    if isinstance(node, ast.Call) and _name(node.func) == "setattr" and node.args:
        return _name(node.args[0]) == "_state"
    return False


# --- the checks on planted examples: each rule can fail -----------------------------------------


@pytest.mark.parametrize(
    ("app", "source", "expected"),
    [
        ("careercenter", "from advising.models import StudentProfile", ["advising.models"]),
        ("careercenter", "import opportunities.views", ["opportunities.views"]),
        ("careercenter", "def f():\n    from notifications import services", ["notifications"]),
        ("notifications", "from opportunities.models import Opportunity", ["opportunities.models"]),
        ("opportunities", "from advising import matching", ["advising"]),
        ("opportunities", "importlib.import_module('advising.calendar')", ["advising.calendar"]),
        ("careercenter", "from bench.floor import counting_queries", ["bench.floor"]),
        ("advising", "from tests.factories import StudentFactory", ["tests.factories"]),
        ("advising", "from opportunities.models import Format", []),
        ("advising", "from notifications.services import notify", []),
        ("opportunities", "from notifications.models import Kind", []),
        ("notifications", "from careercenter.roles import STUDENT", []),
        ("careercenter", "from .roles import STUDENT\nfrom django.db import models", []),
        ("careercenter", 'path("", include("advising.urls"))', []),
    ],
)
def test_an_import_from_an_app_above_is_found(app, source, expected):
    assert forbidden_imports(app, source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from django.db import connection\nconnection.cursor()", "connection.cursor"),
        ("with connections['default'].cursor() as c:\n    pass", "connection.cursor"),
        ("queryset.query.get_compiler(using='default')", "get_compiler"),
        ("sql, params = compiler.as_sql()\nq.sql_with_params()", "sql_with_params"),
        ("from django.db.models.expressions import RawSQL", "RawSQL"),
        ("qs.annotate(rank=RawSQL('1', []))", "RawSQL"),
        ("Opportunity.objects.raw('SELECT 1')", ".raw()"),
        ("qs.extra(where=['1 = 1'])", ".extra()"),
        ("obj._prefetched_objects_cache = {'skills': rows}", "_prefetched_objects_cache"),
        ("getattr(obj, '_prefetched_objects_cache', {})", "_prefetched_objects_cache"),
        ("qs._result_cache = rows", "_result_cache"),
        ("obj._state.adding = False", "_state"),
        ("obj._state.fields_cache['format'] = fmt", "_state"),
        ("setattr(row._state, 'db', 'default')", "_state"),
        ("from django.utils.safestring import mark_safe", "mark_safe"),
        ("html = safestring.mark_safe(text)", "mark_safe"),
        ("from functools import lru_cache\n@lru_cache(maxsize=1)\ndef f(): pass", "lru_cache"),
        ("import functools\n@functools.cache\ndef f(): pass", "functools.cache"),
        ("from functools import cache\n@cache\ndef f(): pass", "functools.cache"),
    ],
)
def test_a_planted_trick_is_found(source, expected):
    assert any(expected in trick for trick in tricks(source)), tricks(source)


@pytest.mark.parametrize(
    "source",
    [
        "qs.prefetch_related(Prefetch('skills', queryset=Skill.objects.order_by('name')))",
        "qs.alias(open_skills=FilteredRelation('skills'))",
        "from django.core.cache import cache\ncache.get('key')",
        "from django.utils.functional import cached_property",
        "from django.utils.html import format_html\nformat_html('<b>{}</b>', name)",
        "if obj._state.adding:\n    pass",
        "cursor = page.next_cursor\nrow.extra_hours = 2",
        "Opportunity.objects.filter(status='published').order_by('deadline')",
    ],
)
def test_documented_django_is_not_a_trick(source):
    assert tricks(source) == []


def test_a_trick_is_reported_with_its_line():
    assert tricks("import os\n\nqs.extra(where=['1 = 1'])") == [
        "line 3: hand-written SQL (.extra())"
    ]


# --- the checks on the product ------------------------------------------------------------------


def test_every_app_has_product_modules_to_check():
    for app in APPS:
        modules = {str(p.relative_to(ROOT)) for p in product_modules(app)}
        assert f"{app}/models.py" in modules or f"{app}/models/__init__.py" in modules
        assert not any("/migrations/" in m for m in modules)


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    found = [
        f"{path.relative_to(ROOT)}: imports {name}"
        for path in product_modules(app)
        for name in forbidden_imports(app, path.read_text())
    ]
    assert not found, (
        f"Dependencies run {' → '.join(APPS)} (docs/architecture.md); move the code to the "
        "app that may know both, or turn the dependency round:\n" + "\n".join(found)
    )


@pytest.mark.parametrize("app", APPS)
def test_performance_tricks_live_only_in_the_apps_fastpath_module(app):
    found = [
        f"{path.relative_to(ROOT)}: {trick}"
        for path in product_modules(app)
        if path.relative_to(ROOT) != Path(app) / FASTPATH
        for trick in tricks(path.read_text())
    ]
    assert not found, (
        f"Put the trick in {app}/{FASTPATH} with its measured gain and pinning test in the "
        "module's docstring, or use the documented Django mechanism:\n" + "\n".join(found)
    )


@pytest.mark.parametrize("app", APPS)
def test_a_fastpath_module_says_what_its_tricks_buy(app):
    path = ROOT / app / FASTPATH
    if not path.exists():
        pytest.skip(f"{app} has no fast path")
    docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
    assert len(docstring.split()) >= 20, f"{app}/{FASTPATH} must list its tricks and gains"
