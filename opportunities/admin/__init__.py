"""The opportunities app in the Django admin, one module per part; importing them registers
their ModelAdmins."""

from . import alerts, catalogue, imports, listings  # noqa: F401 (each registers its admins)
