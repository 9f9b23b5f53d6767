"""Panels: page-only rendering helpers that would make a page long (scan/ui/panelen/<page>_<what>.py)."""
