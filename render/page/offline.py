"""What in a page would make a browser fetch something from the network.

An easyread page is self-contained: it must open with no network, so that a
reader is not tracked and nothing changes after it is published. Data never
becomes markup (it is escaped), but a layout's templates and CSS could still
ask for a remote file. ``remote_references`` finds every such request in a
rendered page: the attributes a browser loads (``src``, ``srcset``, ``<link
href>``, SVG ``<image href>``, ``poster``, ``<object data>``, ``<base>``, a
meta refresh) and every ``url()`` and ``@import`` in ``<style>`` and
``style=""``. Links (``<a href>``) are text a reader may follow; they are
not fetched and not counted. ``data:`` URLs, ``#fragments`` and relative
file names are allowed (the PDF step's own fetcher decides which files).
"""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any

import tinycss2

# (tag or "*", attribute): the attributes whose URL a browser loads on its own.
_LOADED = {
    ("*", "src"),
    ("*", "srcset"),
    ("*", "poster"),
    ("*", "background"),
    ("link", "href"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("feimage", "href"),
    ("feimage", "xlink:href"),
    ("object", "data"),
    ("base", "href"),
}
# What would run code or open another page inside ours: never in a built page.
_ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
# CSS functions whose string arguments are URLs (url() tokens are found anyway)
_URL_FUNCTIONS = {"url", "src", "image-set", "-webkit-image-set"}


def remote_references(html: str) -> list[str]:
    """The URLs in ``html`` a browser would fetch from elsewhere, each once."""
    return [url for url in dict.fromkeys(_scan(html).found) if is_remote(url)]


def active_content(html: str) -> list[str]:
    """What in ``html`` would run code or open a page inside it, each once:
    ``<script>``, frames, plug-ins, ``srcdoc``, ``on...`` handlers, ``javascript:``."""
    return list(dict.fromkeys(_scan(html).active))


@functools.lru_cache(maxsize=2)
def _scan(html: str) -> _ReferenceFinder:
    """``html`` read once for both questions above."""
    finder = _ReferenceFinder()
    finder.feed(html)
    finder.close()
    return finder


def is_remote(url: str) -> bool:
    """True for any URL but a ``data:`` URL, a ``#fragment`` or a relative file name."""
    text = url.strip()
    if not text or text.startswith("#"):
        return False
    if text.startswith(("//", "\\\\")):
        return True
    scheme = urllib.parse.urlsplit(text).scheme.lower()
    return bool(scheme) and scheme != "data"


def css_references(css: str, declarations: bool = False) -> list[str]:
    """The URLs a stylesheet (or a ``style=""`` value) loads: url() and @import."""
    return list(_css_references(css, declarations))


@functools.lru_cache(maxsize=16)
def _css_references(css: str, declarations: bool) -> tuple[str, ...]:
    # cached: a layout's stylesheet is the same in every page it makes
    parse = tinycss2.parse_blocks_contents if declarations else tinycss2.parse_stylesheet
    return tuple(_urls(parse(css, skip_comments=True, skip_whitespace=True)))


def _urls(nodes: Iterable[Any]) -> Iterator[str]:
    for node in nodes or ():
        kind = getattr(node, "type", "")
        if kind == "url":
            yield node.value
        elif kind == "function" and node.lower_name in _URL_FUNCTIONS:
            yield from (a.value for a in node.arguments if a.type == "string")
        elif kind == "at-rule" and node.lower_at_keyword == "import":
            yield from (t.value for t in node.prelude if t.type == "string")
        for part in ("prelude", "content", "value", "arguments"):
            inner = getattr(node, part, None)
            if isinstance(inner, list):
                yield from _urls(inner)


class _ReferenceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.active: list[str] = []
        self.style: list[str] | None = None  # the text of the <style> being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self.style = []
        if tag in _ACTIVE_TAGS:
            self.active.append(f"<{tag}>")
        for name, value in attrs:
            if name == "srcdoc" or name.startswith("on"):
                self.active.append(f"<{tag} {name}>")
            if value is None:
                continue
            if value.strip().lower().startswith(("javascript:", "vbscript:")):
                self.active.append(f'<{tag} {name}="{value.strip()[:30]}">')
            if (tag, name) in _LOADED or ("*", name) in _LOADED:
                self.found += _srcset(value) if name == "srcset" else [value]
            elif name == "style":
                self.found += css_references(value, declarations=True)
            elif tag == "meta" and name == "content" and "url=" in value.lower():
                start = value.lower().index("url=") + len("url=")
                self.found.append(value[start:].strip(" '\""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self.style is not None:
            self.found += css_references("".join(self.style))
            self.style = None

    def handle_data(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)


def _srcset(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.strip()]
