"""Mail backends of our own (development only: production refuses console backends)."""
