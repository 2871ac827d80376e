"""Editors' readership views in the Wagtail admin: the "Most read" report and each article's
views day by day (reports.py, chart.py), the dashboard panel (dashboard.py) and the Views
column of the article listing (listing.py). Registered in ../wagtail_hooks.py."""
