"""The web kit every app builds its pages with: tables and panels (tables), plotly figures
(charts), CSV downloads, the panel cache, dashboard filters and scope, labels, colours, dates
and numbers (templatetags/ui.py), and the shared templates and static files."""
