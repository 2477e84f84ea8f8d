"""Importing listings from files and feeds: one pipeline for the admin and the command.

- `readers`: rows of a CSV file or a JSON array, streamed; file-level problems named.
- `adapters`: one small class per kind of file, mapping its rows to our fields.
- `pipeline`: `import_listings()`, check every row then write in one transaction.
- `runs`: the `ImportRun` record around an import, used by the background tasks
  (`opportunities.tasks`), the admin and `manage.py import_listings`.
"""

from .pipeline import ImportResult, import_listings

__all__ = ["ImportResult", "import_listings"]
