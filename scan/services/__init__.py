"""Use cases, one module per user task: no Streamlit, no SQL."""
