"""Document parts as HTML: the web page's tables, sections and interactive (plotly) charts.

The PDF renders the same parts with `svg` charts instead (`render_parts(..., chart=...)`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from levensfase.documents.cells import cell_text, decimal, is_hidden
from levensfase.documents.model import Chart, Heading, Html, Part, Section, Table

__all__ = ["STYLE", "grid_html", "part_html", "plotly_chart", "render_parts", "section_html", "table_html"]

STYLE = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0 2rem;font-size:.9rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;
text-align:right}th:first-child,td:first-child{text-align:left}.suppressed{background:repeating-linear-gradient(45deg,
#eee,#eee 4px,#fff 4px,#fff 8px);color:#444}.takeaway{font-size:1.1rem;font-weight:600}.note{color:#444}"""

TIP = {"nl": "Verborgen: te kleine groep (privacy)", "en": "Hidden: group too small (privacy)"}
NO_DATA = {"nl": "Geen gegevens om te tonen.", "en": "No data to show."}

ChartRenderer = Callable[[Chart], str]


def plotly_chart(chart: Chart) -> str:
    """An interactive chart for the web page (plotly.js is inlined once by the page itself)."""
    import plotly.graph_objects as go

    figure = go.Figure(data=chart.traces, layout={"title": chart.title, "height": 380, "margin": {"t": 50}})
    return figure.to_html(full_html=False, include_plotlyjs=False, div_id=chart.key,
                          config={"displaylogo": False, "responsive": True})


def table_html(table: Table) -> str:
    """Header row from the table's words; hidden cells as "< k" with the reason in a tooltip."""
    lang = table.words.get("_lang", "nl")
    if not table.rows:
        return f"<p>{escape(table.words.get('no_data', NO_DATA[lang]))}</p>"
    tip = escape(table.words.get("suppressed_tip", TIP[lang]))
    head = "".join(f"<th scope='col'>{escape(table.header(c))}</th>" for c in table.columns)
    lines = []
    for row in table.rows:
        cells = []
        for c in table.columns:
            hidden = is_hidden(row, c)
            text = cell_text(row.get(c), c, hidden=hidden, k=table.k, lang=lang)
            attrs = f" class='suppressed' title='{tip}'" if hidden else ""
            cells.append(f"<td{attrs}>{escape(text)}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def grid_html(head: Sequence[str], rows: Sequence[Sequence[str]], hidden: Sequence[bool] | None = None,
              tip: str = "") -> str:
    """A table of cells already written as text (the projection report's P50 (P10–P90) cells)."""
    cols = "".join(f"<th scope='col'>{escape(h)}</th>" for h in head)
    lines = []
    for i, row in enumerate(rows):
        cells = []
        for j, cell in enumerate(row):
            if hidden and hidden[i] and j > 0:
                cells.append(f"<td class='suppressed' title='{escape(tip)}'>{escape(cell)}</td>")
            else:
                cells.append(f"<td>{escape(cell)}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{cols}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def section_html(section: Section, lang: str, *, chart: ChartRenderer = plotly_chart, heading_id: str = "") -> str:
    """Heading, takeaway, findings, chart, table — each on its own line."""
    ident = f" id='{heading_id}'" if heading_id else ""
    parts = [f"<h2{ident}>{escape(section.title)}</h2>"] if section.title else []
    text = section.takeaway if section.plain else decimal(section.takeaway, lang)
    parts.append(f"<p class='takeaway'>{escape(text)}</p>")
    if section.findings:
        parts.append(section.findings)
    parts.append(chart(section.chart) if section.chart is not None else "")
    if isinstance(section.table, Table):
        parts.append(table_html(section.table))
    elif section.table:
        parts.append(section.table)
    return "\n".join(parts)


def part_html(part: Part, lang: str, *, chart: ChartRenderer = plotly_chart, heading_id: str = "") -> str:
    ident = f" id='{heading_id}'" if heading_id else ""
    if isinstance(part, Section):
        return section_html(part, lang, chart=chart, heading_id=heading_id)
    if isinstance(part, Table):
        return table_html(part)
    if isinstance(part, Heading):
        return f"<h{part.level}{ident}>{escape(part.text)}</h{part.level}>"
    if isinstance(part, Html):
        return part.text
    raise TypeError(f"not a document part: {type(part).__name__}")


def render_parts(parts: Sequence[Part], lang: str, *, chart: ChartRenderer = plotly_chart) -> str:
    return "\n".join(part_html(p, lang, chart=chart) for p in parts)
