"""The document kit: what the HTML report, the projection report, the PDF and the Excel workbook share.

A document is a list of parts (`model`): headings, sections (title, takeaway, chart, table), tables and
ready HTML snippets. `cells` writes one cell the reader's way (1.234,5; "< k" when hidden), `html`
renders parts as a web page (plotly charts), `svg` draws the same charts as static SVG on the server,
`pdf` lays the parts out with WeasyPrint and `workbook` writes their tables to xlsx sheets.
Pure Python: no Django, no network, no browser.
"""
