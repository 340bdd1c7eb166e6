"""Extract every translatable string into resources/translations/*.ts and compile the .qm files.

    uv run python tools/update_translations.py           # update .ts (keeps translations) + .qm
    uv run python tools/update_translations.py --check   # exit 1 if .ts/.qm are out of date
    uv run python tools/update_translations.py --unfinished   # list what still needs Chinese
    uv run python tools/update_translations.py --import OTHER.ts  # fill unfinished Chinese from another
                                                                  # .ts (e.g. the other side of a merge)

pyside6-lupdate reads ``tr()`` / ``QCoreApplication.translate`` in the GUI code.  It does not resolve
the core's ``QT_TRANSLATE_NOOP(CTX, "...")`` when the function is imported under another name (``N_``)
or the context is a module constant (``CTX = "messages"``) — measured with PySide6 6.12 and 6.11: 0 of the
strings in pos_app/errors.py.  So this script finds those calls itself (Python ``ast``: any call of a
name bound to ``pos_app.i18n.QT_TRANSLATE_NOOP`` or ``pos_app.i18n.translate`` whose arguments are
string literals or module string constants), writes them as plain ``QT_TRANSLATE_NOOP("ctx", "text")``
lines into a temporary file, and hands that file to lupdate with the real sources.  lupdate then does
all the merging: existing translations kept, new strings unfinished, removed strings dropped.

English is the source language: its .ts gets each source copied as the translation (so it "ships
complete" and plural forms have text), Chinese is translated by hand in the .ts.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pos_app"
TS_DIR = ROOT / "resources" / "translations"
LANGS = ("zh_CN", "en")
MARKERS = {"QT_TRANSLATE_NOOP", "translate"}  # names exported by pos_app.i18n that take (context, text)


def ts_path(lang: str, directory: Path = TS_DIR) -> Path:
    return directory / f"pos_app_{lang}.ts"


def qm_path(lang: str, directory: Path = TS_DIR) -> Path:
    return directory / f"pos_app_{lang}.qm"


def source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


# --- core extractor --------------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _string_constants(tree: ast.Module) -> dict[str, str]:
    consts: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            if isinstance(node.value.value, str):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        consts[target.id] = node.value.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                consts[node.target.id] = node.value.value
    return consts


def extract_core_strings(files: list[Path]) -> tuple[set[tuple[str, str]], list[str]]:
    """(context, text) of every marked call in ``files``; plus warnings for calls it cannot resolve."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in files}
    module_consts = {_module_name(p): _string_constants(t) for p, t in trees.items()}
    found: set[tuple[str, str]] = set()
    warnings: list[str] = []
    for path, tree in trees.items():
        consts = dict(module_consts[_module_name(path)])
        markers: set[str] = set()
        i18n_modules: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    bound = alias.asname or alias.name
                    if node.module == "pos_app.i18n" and alias.name in MARKERS:
                        markers.add(bound)
                    elif node.module == "pos_app" and alias.name == "i18n":
                        i18n_modules.add(bound)
                    elif alias.name in module_consts.get(node.module, {}):
                        consts[bound] = module_consts[node.module][alias.name]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "pos_app.i18n":
                        i18n_modules.add(alias.asname or alias.name)
            elif isinstance(node, ast.FunctionDef) and node.name in MARKERS and path.name == "i18n.py":
                markers.add(node.name)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in markers:
                pass
            elif isinstance(func, ast.Attribute) and func.attr in MARKERS and ast.unparse(func.value) in i18n_modules:
                pass
            else:
                continue
            values = []
            for arg in node.args[:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    values.append(arg.value)
                elif isinstance(arg, ast.Name) and arg.id in consts:
                    values.append(consts[arg.id])
                else:
                    values.append(None)
            context, text = values
            if context is None or text is None:
                # translate(CTX, message) at run time is fine: the message was marked where it was made.
                if isinstance(func, ast.Name) and func.id not in {"translate"} and func.id in markers:
                    warnings.append(f"{path.relative_to(ROOT)}:{node.lineno}: cannot resolve {ast.unparse(node)}")
                continue
            if text:
                found.add((context, text))
    return found, warnings


def _py_literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def write_stub(strings: set[tuple[str, str]], directory: Path) -> Path:
    stub = directory / "core_strings.py"
    lines = ["# generated by tools/update_translations.py for lupdate; not imported"]
    lines += [f"QT_TRANSLATE_NOOP({_py_literal(c)}, {_py_literal(t)})" for c, t in sorted(strings)]
    stub.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return stub


# --- lupdate / lrelease ----------------------------------------------------------------------------


def _tool(name: str) -> str:
    exe = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if exe is None:
        raise SystemExit(f"{name} not found: run this with `uv run`")
    return exe


_TRANSLATE_ALIAS = re.compile(r"^\s*(\w+)\s*=\s*Q(?:Core|Gui)?Application\.translate\s*$", re.M)


def lupdate_input(path: Path, tmp: Path) -> Path:
    """``path``, or a copy lupdate reads correctly.

    lupdate only knows ``QCoreApplication.translate(...)`` and a bare ``translate(...)``: with
    ``tr = QCoreApplication.translate``, ``tr("Ctx", "text")`` is read as ``self.tr`` (source "Ctx",
    comment "text"), and other aliases are ignored.  The copy spells such calls out in full.
    """
    text = path.read_text(encoding="utf-8")
    aliases = {a for a in _TRANSLATE_ALIAS.findall(text) if a != "translate"}
    if not aliases:
        return path
    for alias in aliases:
        text = _TRANSLATE_ALIAS.sub(lambda m, a=alias: m[0] if m[1] != a else "", text)
        text = re.sub(rf"(?<!def )(?<![\w.]){re.escape(alias)}\(", "QCoreApplication.translate(", text)
    copy = tmp / path.relative_to(ROOT)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(text, encoding="utf-8")
    return copy


def run_lupdate(ts_files: list[Path]) -> list[str]:
    files = source_files()
    strings, warnings = extract_core_strings(files)
    with tempfile.TemporaryDirectory() as tmp:
        stub = write_stub(strings, Path(tmp))
        files = [lupdate_input(p, Path(tmp)) for p in files]
        cmd = [_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
               "-source-language", "en"]  # fmt: skip
        cmd += [str(p) for p in files] + [str(stub), "-ts", *map(str, ts_files)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"lupdate failed:\n{proc.stdout}{proc.stderr}")
        warnings += [line for line in proc.stderr.splitlines() if line.strip()]
    for ts in ts_files:
        if ts.name.endswith("_en.ts"):
            fill_english(ts)
    return warnings


_MESSAGE = re.compile(r"<message(?P<attrs>[^>]*)>(?P<body>.*?)</message>", re.S)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.S)


def fill_english(ts: Path) -> None:
    """English translation = source, for every message not yet translated (text edit keeps lupdate's format)."""

    def fill(match: re.Match[str]) -> str:
        body = match["body"]
        source = _SOURCE.search(body)
        if source is None or 'type="unfinished"' not in body:
            return match[0]
        text = source.group(1)
        if 'numerus="yes"' in match["attrs"]:
            new = f"<translation><numerusform>{text}</numerusform><numerusform>{text}</numerusform></translation>"
        else:
            new = f"<translation>{text}</translation>"
        body = re.sub(r'<translation type="unfinished"(?:/>|>.*?</translation>)', new, body, count=1, flags=re.S)
        return f"<message{match['attrs']}>{body}</message>"

    text = ts.read_text(encoding="utf-8")
    ts.write_text(_MESSAGE.sub(fill, text), encoding="utf-8")


def run_lrelease(ts: Path, qm: Path) -> None:
    cmd = [_tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"lrelease failed:\n{proc.stdout}{proc.stderr}")


# --- reading .ts -----------------------------------------------------------------------------------


def messages(ts: Path) -> dict[tuple[str, str], list[str] | None]:
    """(context, source) -> translations (one per plural form), or None when unfinished/empty."""
    out: dict[tuple[str, str], list[str] | None] = {}
    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            trans = msg.find("translation")
            forms: list[str] | None = None
            if trans is not None and trans.get("type") not in ("unfinished", "obsolete", "vanished"):
                forms = [f.text or "" for f in trans.iter("numerusform")] or [trans.text or ""]
                forms = forms if all(f.strip() for f in forms) else None
            # The same text with another disambiguation comment is another message: an unfinished one
            # must not hide behind a translated twin.
            key = (name, source)
            out[key] = None if key in out and out[key] is None else forms
    return out


def import_translations(ts: Path, other: Path) -> int:
    """Fill ``ts``'s unfinished messages with the finished translations ``other`` has for the same key."""
    known = {key: forms for key, forms in messages(other).items() if forms}
    filled = 0

    def fill(match: re.Match[str]) -> str:
        nonlocal filled
        body = match["body"]
        if 'type="unfinished"' not in body:
            return match[0]
        ctx = _context_before(match.start())
        source = _SOURCE.search(body)
        forms = known.get((ctx, _unescape(source.group(1)))) if source else None
        if not forms:
            return match[0]
        if 'numerus="yes"' in match["attrs"]:
            inner = "".join(f"<numerusform>{_escape(f)}</numerusform>" for f in forms)
        else:
            inner = _escape(forms[0])
        new = f"<translation>{inner}</translation>"
        body = re.sub(r'<translation type="unfinished"(?:/>|>.*?</translation>)', new, body, count=1, flags=re.S)
        filled += 1
        return f"<message{match['attrs']}>{body}</message>"

    text = ts.read_text(encoding="utf-8")
    contexts = [(m.start(), _unescape(m.group(1))) for m in re.finditer(r"<context>\s*<name>(.*?)</name>", text, re.S)]

    def _context_before(pos: int) -> str:
        name = ""
        for start, ctx_name in contexts:
            if start > pos:
                break
            name = ctx_name
        return name

    ts.write_text(_MESSAGE.sub(fill, text), encoding="utf-8")
    return filled


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unescape(text: str) -> str:
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def update() -> int:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    warnings = run_lupdate([ts_path(lang) for lang in LANGS])
    for lang in LANGS:
        run_lrelease(ts_path(lang), qm_path(lang))
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    missing = [key for key, value in messages(ts_path("zh_CN")).items() if value is None]
    print(f"{len(messages(ts_path('zh_CN')))} messages; {len(missing)} without a Chinese translation")
    return 0


def check() -> list[str]:
    """Problems that make the shipped translations out of date (also used by tests/test_translations.py)."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        copies = []
        for lang in LANGS:
            if not ts_path(lang).exists():
                problems.append(f"{ts_path(lang).name} is missing")
                continue
            copy = ts_path(lang, tmpdir)
            shutil.copy(ts_path(lang), copy)
            copies.append((lang, copy))
        run_lupdate([c for _, c in copies])
        for lang, copy in copies:
            fresh, shipped = set(messages(copy)), set(messages(ts_path(lang)))
            for ctx, src in sorted(fresh - shipped):
                problems.append(f"{ts_path(lang).name}: not extracted yet: [{ctx}] {src!r}")
            for ctx, src in sorted(shipped - fresh):
                problems.append(f"{ts_path(lang).name}: no longer in the sources: [{ctx}] {src!r}")
            compiled = qm_path(lang, tmpdir)
            run_lrelease(ts_path(lang), compiled)
            if not qm_path(lang).exists() or qm_path(lang).read_bytes() != compiled.read_bytes():
                problems.append(f"{qm_path(lang).name} is not the compiled {ts_path(lang).name}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report; exit 1 when out of date")
    parser.add_argument("--unfinished", action="store_true", help="list strings without a Chinese translation")
    parser.add_argument("--import", dest="imports", action="append", default=[], type=Path, metavar="TS",
                        help="after updating, fill unfinished Chinese from this .ts (repeatable)")
    args = parser.parse_args()
    if args.imports:
        update()
        for other in args.imports:
            print(f"{import_translations(ts_path('zh_CN'), other)} translations taken from {other}")
        return update()
    if args.check:
        problems = check()
        print("\n".join(problems) or "translations up to date")
        return 1 if problems else 0
    if args.unfinished:
        for (ctx, src), value in messages(ts_path("zh_CN")).items():
            if value is None:
                print(f"[{ctx}] {src}")
        return 0
    return update()


if __name__ == "__main__":
    sys.exit(main())
