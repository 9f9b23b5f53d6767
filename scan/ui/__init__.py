"""The only Streamlit code besides app.py: pages, panels, navigation, identity, links, texts."""
