"""Every fast path of the advising app is in advising/fastpath.py, where its docstring says
what it buys and which test pins it: nothing else in the app writes Django's private prefetch
attributes, compiles a query by hand, opens a cursor or marks markup safe."""

import ast
from pathlib import Path

ADVISING = Path(__file__).resolve().parents[2] / "advising"
# Attributes and names that only a fast path uses.
TRICKS = {
    "_result_cache",
    "_prefetch_done",
    "_prefetched_objects_cache",
    "get_compiler",
    "cursor",
    "RawSQL",
    "mark_safe",
    "SafeString",
}


def tricks_in(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in TRICKS:
            found.append(ast.unparse(node))
        elif isinstance(node, ast.ImportFrom):
            found += [f"import {a.name}" for a in node.names if a.name in TRICKS]
        elif isinstance(node, ast.Name) and node.id in TRICKS:
            found.append(node.id)
    return found


def test_the_scan_finds_what_it_looks_for():
    source = (
        "from django.db.models.expressions import RawSQL\n"
        "qs._result_cache = []\n"
        "obj._prefetched_objects_cache = {}\n"
        "query.get_compiler('default').as_sql()\n"
        "with connection.cursor() as c: pass\n"
    )
    assert len(tricks_in(source)) == 5
    assert tricks_in("Model.objects.filter(pk=1).select_related('user')") == []


def test_fast_paths_live_in_fastpath_only():
    found = []
    for path in sorted(ADVISING.rglob("*.py")):
        if path.name == "fastpath.py" or "migrations" in path.parts:
            continue
        relative = path.relative_to(ADVISING.parent)
        found += [f"{relative}: {trick}" for trick in tricks_in(path.read_text())]
    assert not found, "A fast path outside advising/fastpath.py:\n" + "\n".join(found)
