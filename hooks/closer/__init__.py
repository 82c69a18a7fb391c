"""Closer's content core: load, validate and shape the site's YAML data, with no MkDocs in sight."""
