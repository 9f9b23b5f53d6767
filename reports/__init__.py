"""Report output: the chart specs shared by screen and PDF (``charts``).

Layer: may import altair, pandas and ``scoring``; no streamlit, no sqlalchemy.
"""
