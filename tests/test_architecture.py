"""House rules the import contract can't see, read from the source with `ast`.

* A function whose code (its docstring and examples aside) runs over :data:`LONG` lines says
  why in its docstring ("Long because ..."): a long function is split or justified, never
  just grown.
* No import inside a function body, but in the app factory: an import hidden there dodges a
  cycle the layers forbid.
* Only ``referrals/clock.py`` reads the clock for a day or a time; everything else takes
  ``today`` or ``now``, so one request sees one day.
* One module, one job: no module beyond :data:`BIG` lines.

Each rule is also checked against a small sample that breaks it, so a rule that silently
stopped finding anything would fail here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.graph  # no database: the PostgreSQL pass skips it

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "referrals"
LONG = 50
BIG = 900
# The app factory registers features lazily (see referrals/__init__.py's docstring).
IMPORTS_ALLOWED_IN = {"referrals/__init__.py"}
CLOCK = "referrals/clock.py"
CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"),
               ("datetime", "today"), ("time", "time"), ("time", "localtime")}


def _modules() -> Iterator[tuple[str, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def long_functions(source: str) -> list[str]:
    """Functions with over LONG lines of code whose docstring doesn't say why."""
    found = []
    for fn in _functions(ast.parse(source)):
        body = fn.body[1:] if ast.get_docstring(fn) is not None and len(fn.body) > 1 else fn.body
        length = fn.end_lineno - body[0].lineno + 1
        if length > LONG and "Long because" not in (ast.get_docstring(fn) or ""):
            found.append(f"{fn.name} ({length} lines)")
    return found


def imports_in_functions(source: str) -> list[str]:
    found = []
    for fn in _functions(ast.parse(source)):
        for node in ast.walk(fn):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.append(f"{fn.name}, line {node.lineno}")
    return found


def clock_reads(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and (node.func.value.id, node.func.attr) in CLOCK_CALLS):
            found.append(f"{node.func.value.id}.{node.func.attr}(), line {node.lineno}")
    return found


def test_long_functions_say_why():
    offenders = {name: found for name, source in _modules() if (found := long_functions(source))}
    assert not offenders, f"split these, or say 'Long because ...' in the docstring: {offenders}"


def test_no_imports_inside_functions():
    offenders = {name: found for name, source in _modules()
                 if name not in IMPORTS_ALLOWED_IN and (found := imports_in_functions(source))}
    assert not offenders, f"import at the top of the module: {offenders}"


def test_only_the_clock_module_reads_the_clock():
    offenders = {name: found for name, source in _modules()
                 if name != CLOCK and (found := clock_reads(source))}
    assert not offenders, f"take today/now as an argument, or use referrals.clock: {offenders}"


def test_modules_stay_small():
    sizes = {name: source.count("\n") for name, source in _modules()}
    assert not {name: n for name, n in sizes.items() if n > BIG}, "split modules over BIG lines"


# The rules find what they are meant to find.

_BODY = "\n".join(f"    x{i} = {i}" for i in range(LONG + 1))


def test_a_long_function_is_found_unless_it_says_why():
    assert long_functions(f"def grown():\n    '''Does it all.'''\n{_BODY}\n") == [
        f"grown ({LONG + 1} lines)"]
    why = "'''Long because a call per step costs.'''"
    assert long_functions(f"def hot():\n    {why}\n{_BODY}\n") == []
    assert long_functions("def short():\n    return 1\n") == []
    examples = "\n".join(f"    >>> {i}" for i in range(LONG))
    shown = f"def shown():\n    '''Many examples.\n{examples}\n    '''\n    return 1\n"
    assert long_functions(shown) == []


def test_an_import_in_a_function_is_found():
    assert imports_in_functions("import os\ndef f():\n    from a import b\n    return b\n") == [
        "f, line 3"]
    assert imports_in_functions("import os\ndef f():\n    return os\n") == []


def test_a_clock_read_is_found():
    source = "from datetime import date, datetime\nx = date.today()\ny = datetime.now(tz)\n"
    assert clock_reads(source) == ["date.today(), line 2", "datetime.now(), line 3"]
    assert clock_reads("def f(today):\n    return today\n") == []
