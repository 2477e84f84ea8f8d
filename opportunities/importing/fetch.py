"""Opening what `manage.py import_listings` is given: a local file, or a feed's URL.

A URL is downloaded with the standard library into a temporary file (the pipeline reads a
file twice: once to check it, once to write it). The whole download must finish within the
timeout, and may not exceed MAX_BYTES; either failure is a `FetchError` saying which.
"""

import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

MAX_BYTES = 500 * 1024 * 1024  # SimplifyJobs' whole feed is about 10 MB
CHUNK = 64 * 1024


class FetchError(Exception):
    pass


def is_url(location: str) -> bool:
    return location.startswith(("https://", "http://"))


@contextmanager
def open_location(location: str, *, timeout: float) -> Iterator[BinaryIO]:
    """The file at `location` (a path or an http(s) URL), opened for reading bytes."""
    if not is_url(location):
        try:
            with open(location, "rb") as file:
                yield file
        except OSError as error:
            raise FetchError(f"Cannot open {location}: {error.strerror}.") from None
        return
    with tempfile.TemporaryFile() as copy:
        download(location, copy, timeout=timeout)
        copy.seek(0)
        yield copy


def download(url: str, into: BinaryIO, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    if not is_url(url):
        raise FetchError(f"{url} is not an http(s) address.")
    agent = {"User-Agent": "careercenter-import/1"}
    request = urllib.request.Request(url, headers=agent)  # noqa: S310 (http(s) only, checked above)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (same)
            size = 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(f"{url} is larger than {MAX_BYTES // 2**20} MB.")
                if time.monotonic() > deadline:
                    raise TimeoutError
                into.write(chunk)
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url} answered {error.code} {error.reason}.") from None
    except TimeoutError:
        raise FetchError(f"{url} did not answer within {timeout:g} s (--timeout).") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"{url} did not answer within {timeout:g} s (--timeout).") from None
        raise FetchError(f"Cannot fetch {url}: {reason}.") from None
    except OSError as error:
        raise FetchError(f"Cannot fetch {url}: {error}.") from None
