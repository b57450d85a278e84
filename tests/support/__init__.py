"""Helpers the tests share, as plain modules (conftest.py files hold fixtures only)."""
