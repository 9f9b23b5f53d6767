"""Panels: the parts of a page that make it long, one module per page and part (``<page>_<part>.py``)."""
