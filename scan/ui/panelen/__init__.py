"""Panels: the rendering parts of a page, one module per page and part (``<page>_<part>.py``).

Layer: ``scan/ui`` (Streamlit). A panel draws and calls services; it never imports ``scan.db``.
"""
