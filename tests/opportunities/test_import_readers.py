"""Reading listing files: delimiters, encodings, JSON shapes, dates. No database."""

import io
from datetime import UTC, date, datetime

import pytest

from opportunities.importing.adapters import (
    ListingColumnsAdapter,
    RowInvalid,
    SimplifyJobsAdapter,
    parse_date,
    parse_datetime,
    parse_list,
)
from opportunities.importing.readers import (
    FileProblem,
    Row,
    read_csv,
    read_json_array,
    sniff_format,
)
from tests.opportunities.feeds import feed_bytes, simplify_item


def rows(reader, data: bytes, **options):
    return list(reader(io.BytesIO(data), **options))


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_is_read_with_commas_semicolons_or_tabs(delimiter):
    text = delimiter.join(["Title", "Organization", "Summary"]) + "\n"
    text += delimiter.join(["Intern", "Acme", '"Two, three; four"']) + "\n"

    (row,) = rows(read_csv, text.encode())

    assert row == Row(2, {"title": "Intern", "organization": "Acme", "summary": "Two, three; four"})


def test_a_windows_1252_file_read_as_utf8_names_the_encoding_and_the_line():
    data = "title,organization\nIntern,Acme\nCafé’s intern,Acme\n".encode("windows-1252")

    with pytest.raises(FileProblem) as problem:
        rows(read_csv, data)

    assert str(problem.value) == (
        "The file is not UTF-8: line 3 has the byte 0xE9 (“é” in Windows-1252, what Excel on "
        "Windows writes). Save the file as UTF-8 (in Excel: “CSV UTF-8”), or import it again "
        "with the encoding Windows-1252."
    )


def test_a_windows_1252_file_is_read_when_said_so():
    data = "title,organization\nCafé’s intern,Acme\n".encode("windows-1252")

    (row,) = rows(read_csv, data, encoding="windows-1252")

    assert row.data["title"] == "Café’s intern"


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column():
    (row,) = rows(read_csv, "\ufefftitle,organization\nIntern,Acme\n".encode())

    assert row.data == {"title": "Intern", "organization": "Acme"}


def test_a_utf16_file_is_named_as_such():
    with pytest.raises(FileProblem, match="The file is UTF-16"):
        rows(read_csv, "title\nIntern\n".encode("utf-16"))


def test_a_row_with_more_cells_than_columns_is_a_row_problem_and_blank_lines_count():
    data = b"title,organization\n\nIntern,Acme,Extra\nShort\n"

    got = rows(read_csv, data)

    assert got[0].number == 3 and "3 cells where the header has 2 columns" in got[0].problem
    assert got[1] == Row(4, {"title": "Short"})  # missing trailing cells are left out


def test_an_empty_csv_is_a_problem():
    with pytest.raises(FileProblem, match="The file is empty"):
        rows(read_csv, b"")


def test_json_items_are_read_one_by_one_with_their_positions():
    data = feed_bytes([simplify_item(1), simplify_item(2)])

    got = rows(read_json_array, data)

    assert [row.number for row in got] == [1, 2]
    assert got[1].data["id"] == simplify_item(2)["id"]
    assert got[0].data["date_posted"] == 1_727_740_800  # integers stay integers


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"listings": []}', "The file is not a JSON array of listings"),
        (b'[{"id": 1}, {"id": ]', "The file is not valid JSON after item 1"),
        ('[{"title": "Caf\xe9"}]'.encode("latin-1"), "The file is not UTF-8: item 1"),
    ],
)
def test_json_file_problems(data, message):
    with pytest.raises(FileProblem) as problem:
        rows(read_json_array, data)

    assert str(problem.value).startswith(message)


def test_a_json_item_that_is_not_an_object_is_a_row_problem():
    (row,) = rows(read_json_array, b'["just text"]')

    assert row.problem == "is not a JSON object (“{…}”)"


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (feed_bytes([simplify_item()]), "simplify"),
        (b'\xef\xbb\xbf  [{"title": "x", "organization": "y"}]', "json"),
        (b"title,organization\n", "csv"),
    ],
)
def test_the_format_is_told_from_the_file(start, expected):
    file = io.BytesIO(start)

    assert sniff_format(file) == expected
    assert file.tell() == 0


# --- values -------------------------------------------------------------------------------


def test_iso_dates_are_read():
    assert parse_date("2025-04-03") == date(2025, 4, 3)
    assert parse_date(" ") is None and parse_date("") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("03/04/2025", "“03/04/2025” could be 2025-04-03 or 2025-03-04: write dates as YYYY-MM-DD"),
        ("3.4.25", "“3.4.25” could be 2025-04-03 or 2025-03-04"),
        ("25/12/2025", "write dates as YYYY-MM-DD (ISO 8601), e.g. 2025-12-25."),
        ("12/25/2025", "write dates as YYYY-MM-DD (ISO 8601), e.g. 2025-12-25."),
        ("next Friday", "“next Friday” is not a date: write dates as YYYY-MM-DD"),
    ],
)
def test_other_dates_are_refused_never_swapped(text, message):
    with pytest.raises(ValueError) as error:
        parse_date(text)

    assert message in str(error.value)


def test_moments_in_iso_or_unix_timestamps_where_a_feed_gives_them():
    assert parse_datetime("2025-04-03T09:30Z") == datetime(2025, 4, 3, 9, 30, tzinfo=UTC)
    assert parse_datetime(1_743_672_600, timestamps=True) == datetime(2025, 4, 3, 9, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="not a Unix timestamp in seconds"):
        parse_datetime(1_743_672_600_000, timestamps=True)  # milliseconds
    with pytest.raises(ValueError, match="could be"):
        parse_datetime("03/04/2025")


def test_lists_from_json_or_semicolons():
    assert parse_list(["Chicago, IL", " Remote "]) == ["Chicago, IL", "Remote"]
    assert parse_list("Chicago, IL; Remote") == ["Chicago, IL", "Remote"]
    assert parse_list('["NYC"]') == ["NYC"]
    with pytest.raises(ValueError):
        parse_list([1, 2])


# --- adapters -----------------------------------------------------------------------------


def test_the_simplify_adapter_reports_every_missing_key_of_a_row():
    with pytest.raises(RowInvalid) as error:
        SimplifyJobsAdapter().record(Row(7, {"title": "Intern", "locations": "Chicago"}))

    assert error.value.messages == {
        "id": "is missing.",
        "company_name": "is missing.",
    }  # a single location as text is read as a list of one


def test_the_listing_columns_adapter_needs_the_columns_of_a_new_listing():
    adapter = ListingColumnsAdapter(source="csv")

    with pytest.raises(FileProblem, match="Missing columns: format"):
        adapter.check_columns(["title", "organization"])
    adapter.check_columns(["id", "deadline"])  # a file that only updates listings
    with pytest.raises(FileProblem, match="Columns named twice: title"):
        adapter.check_columns(["title", "organization", "format", "title"])


def test_a_row_from_another_source_is_not_imported_under_this_one():
    adapter = ListingColumnsAdapter(source="csv")
    row = Row(2, {"external_source": "simplify", "external_id": "a1", "title": "T"})

    with pytest.raises(RowInvalid) as error:
        adapter.record(row)

    assert "this row is from the source “simplify”" in error.value.messages["external_source"]


def test_every_format_offered_has_an_adapter():
    from opportunities.importing.adapters import ADAPTERS
    from opportunities.models import ImportFormat

    assert set(ADAPTERS) == set(ImportFormat.values)
