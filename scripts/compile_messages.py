"""Compile the web app's .po catalogues to .mo without GNU gettext (msgfmt may be missing).

Usage: python scripts/compile_messages.py [--check]
  (no option) writes django.mo next to each django.po under src/levensfase/web (the project
              catalogue web/locale and each app's own <app>/locale, so apps can be built apart);
  --check     writes nothing, exits 1 if a .mo is missing or differs from its .po, or if a
              message lacks a translation or is marked fuzzy.

The .mo layout is the GNU one that Python's `gettext` reads: a header, two tables of
(length, offset) pairs for the sorted original and translated strings, then the strings, each
NUL-terminated. Plural forms are stored as msgid NUL msgid_plural -> msgstr[0] NUL msgstr[1].
"""

from __future__ import annotations

import ast
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

WEB = Path(__file__).resolve().parents[1] / "src" / "levensfase" / "web"


@dataclass
class Message:
    msgid: str
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        base = self.msgid if self.msgid_plural is None else f"{self.msgid}\0{self.msgid_plural}"
        return base if self.msgctxt is None else f"{self.msgctxt}\x04{base}"

    @property
    def value(self) -> str:
        return "\0".join(self.msgstr[i] for i in sorted(self.msgstr))

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values()) and "fuzzy" not in self.flags


def _unquote(text: str) -> str:
    return ast.literal_eval(text)  # PO strings use C escapes, which Python string literals share


def read_po(path: Path) -> list[Message]:
    """Every message of a .po file, the header (msgid "") first; obsolete (#~) entries skipped."""
    messages: list[Message] = []
    current: Message | None = None
    field_name: str | None = None
    flags: set[str] = set()

    def finish():
        nonlocal current
        if current is not None:
            messages.append(current)
        current = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            flags = set()
            continue
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if current is None or field_name is None:
                raise ValueError(f"{path}:{number}: continuation line outside a message")
            _append(current, field_name, _unquote(line))
            continue
        if current is not None and (keyword == "msgctxt" or (keyword == "msgid" and field_name != "msgctxt")):
            finish()  # a new message without a blank line before it
        if current is None:
            current = Message(msgid="", flags=flags)
            flags = set()
        field_name = keyword
        _append(current, keyword, _unquote(rest), new=True)
    finish()
    return messages


def _append(message: Message, name: str, text: str, *, new: bool = False) -> None:
    if name == "msgid":
        message.msgid = text if new else message.msgid + text
    elif name == "msgid_plural":
        message.msgid_plural = text if new else (message.msgid_plural or "") + text
    elif name == "msgctxt":
        message.msgctxt = text if new else (message.msgctxt or "") + text
    elif name == "msgstr":
        message.msgstr[0] = text if new else message.msgstr.get(0, "") + text
    elif name.startswith("msgstr[") and name.endswith("]"):
        index = int(name[7:-1])
        message.msgstr[index] = text if new else message.msgstr.get(index, "") + text
    else:
        raise ValueError(f"unknown PO keyword {name!r}")


def mo_bytes(messages: list[Message]) -> bytes:
    """The .mo file for these messages (untranslated and fuzzy ones left out, as msgfmt does)."""
    pairs = {m.key: m.value for m in messages if m.msgid == "" or m.translated}
    keys = sorted(pairs)
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    header_size = 7 * 4
    table_size = len(keys) * 8
    ids_start = header_size + 2 * table_size
    offsets_ids, offsets_strs, blob = [], [], b""
    for data in ids:
        offsets_ids.append((len(data), ids_start + len(blob)))
        blob += data + b"\0"
    strs_start = ids_start + len(blob)
    strs_blob = b""
    for data in strs:
        offsets_strs.append((len(data), strs_start + len(strs_blob)))
        strs_blob += data + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0)
    for length, offset in offsets_ids + offsets_strs:
        out += struct.pack("<2I", length, offset)
    return out + blob + strs_blob


def catalogues() -> list[Path]:
    return sorted(WEB.glob("**/locale/*/LC_MESSAGES/django.po"))


def problems(po: Path) -> list[str]:
    """What is wrong with one catalogue: untranslated/fuzzy messages, or a stale .mo."""
    messages = read_po(po)
    found = [f"{po}: no translation for {m.msgid!r}" for m in messages if m.msgid and not m.translated]
    mo = po.with_suffix(".mo")
    if not mo.exists():
        found.append(f"{mo} is missing: run python scripts/compile_messages.py")
    elif mo.read_bytes() != mo_bytes(messages):
        found.append(f"{mo} does not match {po.name}: run python scripts/compile_messages.py")
    return found


def main(argv: list[str]) -> int:
    check = "--check" in argv
    all_problems = []
    for po in catalogues():
        if check:
            all_problems += problems(po)
        else:
            po.with_suffix(".mo").write_bytes(mo_bytes(read_po(po)))
            print(f"compiled {po.relative_to(WEB)}")
    for line in all_problems:
        print(line, file=sys.stderr)
    return 1 if all_problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
