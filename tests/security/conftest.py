import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests log in hundreds of times; hashing strength is not what they check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
