"""Stage 4, page: the validated model drawn as HTML and a tagged PDF.

``layouts`` finds a layout and makes its Jinja2 environment; ``icons`` picks
each point's picture; ``drawings`` makes the grade scale, the people counts
and the QR code; ``html`` renders the page; ``pdf`` writes PDF/UA-1 with
WeasyPrint and ``pdf_tags`` repairs its tags; ``offline`` finds anything a
page would fetch; ``fit`` holds a layout to its ``max_pages``; ``preview``
is the live preview server of ``easyread serve``.
"""

from .._lazy import exporter

_EXPORTS = {
    "check_fits": "fit",
    "fitted": "fit",
    "draw_figures": "drawings",
    "render_html": "html",
    "IconSet": "icons",
    "icon_files": "icons",
    "picture_names": "icons",
    "Layout": "layouts",
    "PAPER": "layouts",
    "find_layout": "layouts",
    "pdf_date": "pdf",
    "signals_held": "pdf",
    "write_pdf": "pdf",
    "Built": "preview",
    "Preview": "preview",
    "open_socket": "preview",
    "serve_preview": "preview",
}
__all__ = sorted(_EXPORTS)
__getattr__ = exporter(__name__, _EXPORTS)
