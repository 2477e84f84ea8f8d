"""Readers: the rows of a file, one at a time, with the file's quirks named.

A reader never holds the whole file. CSV rows come from the `csv` module record by record and
JSON array items from ijson one object at a time, so a 100 000-row feed costs the memory of one
row. A problem with the file as a whole (its encoding, its delimiter, its shape) is a
`FileProblem` naming it; a problem with one row is left to the adapter, which knows the columns.
"""

import codecs
import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import ijson

# The encodings an import may be told to use: UTF-8 (with or without a byte-order mark) and
# the one Excel on Windows writes for "CSV (Comma delimited)". Nothing is guessed: a file that
# is not what it is said to be is refused with the byte that gave it away.
ENCODINGS = {"utf-8": "UTF-8", "windows-1252": "Windows-1252"}
# Delimiters a listing CSV may use: spreadsheets set to a language that writes decimal commas
# save "CSV" with semicolons; tabs come from copying cells out of a spreadsheet.
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
SNIFF_BYTES = 64 * 1024


class FileProblem(Exception):
    """The file as a whole cannot be read: nothing in it is imported."""


@dataclass(frozen=True)
class Row:
    """One row of a file. `number` is where a person finds it: the row of a spreadsheet (the
    header is row 1) or the position in a JSON array (the first item is 1)."""

    number: int
    data: dict
    problem: str = ""  # a reason the row cannot be read at all


def _check_encoding(encoding: str) -> None:
    if encoding not in ENCODINGS:
        raise FileProblem(f"Unknown encoding “{encoding}”: use one of {', '.join(ENCODINGS)}.")


def _encoding_problem(error: UnicodeDecodeError, encoding: str, where: str) -> FileProblem:
    byte = error.object[error.start]
    if encoding == "utf-8":
        as_1252 = bytes([byte]).decode("windows-1252", errors="replace")
        return FileProblem(
            f"The file is not UTF-8: {where} has the byte 0x{byte:02X} (“{as_1252}” in "
            "Windows-1252, what Excel on Windows writes). Save the file as UTF-8 (in Excel: "
            "“CSV UTF-8”), or import it again with the encoding Windows-1252."
        )
    return FileProblem(
        f"The file is not {ENCODINGS[encoding]}: {where} has the byte 0x{byte:02X}, which "
        f"{ENCODINGS[encoding]} does not use. Check the file's encoding (UTF-8?)."
    )


def _lines(binary: BinaryIO, encoding: str) -> Iterator[str]:
    """The file's lines, decoded one at a time so that a wrong byte is named by its line."""
    _check_encoding(encoding)
    for number, raw in enumerate(binary, start=1):
        if number == 1:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise FileProblem("The file is UTF-16: save it as UTF-8 and import it again.")
            raw = raw.removeprefix(b"\xef\xbb\xbf")  # UTF-8's byte-order mark
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise _encoding_problem(error, encoding, f"line {number}") from None


def _delimiter(header_line: str) -> str:
    """The delimiter of a CSV file, from its header: the one of DELIMITERS that splits it into
    the most columns (a listing CSV has many; a header has no quoted delimiters)."""
    return max(DELIMITERS, key=header_line.count)


def read_csv(
    binary: BinaryIO,
    *,
    encoding: str = "utf-8",
    check_columns: Callable[[list[str]], None] | None = None,
) -> Iterator[Row]:
    """The records of a CSV file as dicts keyed by the header's names (trimmed, lower case).

    Commas, semicolons and tabs are all read. A record with more cells than the header is a
    row problem (an unquoted delimiter inside a cell); missing trailing cells are empty.
    `check_columns` sees the header first and raises FileProblem for columns it does not know.
    """
    lines = _lines(binary, encoding)
    header_line = next(lines, "")
    if not header_line.strip():
        raise FileProblem("The file is empty: its first line should name the columns.")
    if header_line.lstrip().startswith(("[", "{")):
        raise FileProblem(
            "The file is JSON, not CSV: import it as simplify or json, or let the format be "
            "told from the file."
        )
    delimiter = _delimiter(header_line)
    header = [name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter))]
    if check_columns:
        check_columns(header)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    row_number = 1
    try:
        for row_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line: a blank spreadsheet row, still counted
            if len(cells) > len(header):
                yield Row(
                    row_number,
                    {},
                    f"{len(cells)} cells where the header has {len(header)} columns (is a "
                    f"“{delimiter}” inside a cell without quotes around it?)",
                )
                continue
            yield Row(row_number, dict(zip(header, cells, strict=False)))
    except csv.Error as error:
        raise FileProblem(f"The file is not valid CSV at row {row_number + 1}: {error}.") from None


class _Stream:
    """A byte stream for ijson: `first` put back in front of the rest of `binary`, or, for a
    file in another encoding, its text re-encoded as UTF-8 (JSON's own encoding)."""

    def __init__(self, binary: BinaryIO, first: bytes, encoding: str):
        self._binary = binary
        self._pending = first
        self._decoder = None
        if encoding != "utf-8":
            self._decoder = codecs.getincrementaldecoder(encoding)()
            self._pending = self._decoder.decode(first).encode()

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        raw = self._binary.read(size)
        if self._decoder:
            raw = self._decoder.decode(raw, final=not raw).encode()
        chunk, self._pending = self._pending + raw, b""
        return chunk


def read_json_array(binary: BinaryIO, *, encoding: str = "utf-8") -> Iterator[Row]:
    """The items of a JSON array, one at a time (ijson). Numbers with a fraction are floats."""
    _check_encoding(encoding)
    first = binary.read(SNIFF_BYTES)
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem("The file is UTF-16: save it as UTF-8 and import it again.")
    first = first.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not first.startswith(b"["):
        raise FileProblem("The file is not a JSON array of listings: it should start with “[”.")
    item = 0
    try:
        stream = _Stream(binary, first, encoding)
        for item, value in enumerate(ijson.items(stream, "item", use_float=True), start=1):
            if isinstance(value, dict):
                yield Row(item, value)
            else:
                yield Row(item, {}, "is not a JSON object (“{…}”)")
    except UnicodeDecodeError as error:
        raise _encoding_problem(error, encoding, f"item {item + 1}") from None
    except ijson.JSONError as error:
        if "UTF8" in str(error):
            raise FileProblem(
                f"The file is not UTF-8: item {item + 1} has bytes that UTF-8 does not use. "
                "Save the file as UTF-8, or import it again with the encoding Windows-1252."
            ) from None
        message = " ".join(str(error).split())
        raise FileProblem(f"The file is not valid JSON after item {item}: {message}.") from None


def sniff_format(binary: BinaryIO) -> str:
    """ "simplify", "json" or "csv", from the start of a seekable file (put back where it was).

    A JSON array whose first object has `company_name` is a SimplifyJobs feed.
    """
    position = binary.tell()
    start = binary.read(SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n")
    binary.seek(position)
    if not start.startswith((b"[", b"{")):
        return "csv"
    first_object = start.split(b"}", 1)[0]
    return "simplify" if b'"company_name"' in first_object else "json"
