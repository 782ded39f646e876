"""Themes: stylesheets (and fonts) laid over any layout, chosen with ``--theme``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, did_you_mean, is_file
from ..resources import bundled
from .folder_settings import THEME_KEYS, THEME_SETTINGS, find_in, read_folder_settings

THEMES = "_themes"  # the bundled themes, each a folder with a theme.toml


@dataclass(frozen=True)
class Theme:
    """A theme folder: stylesheets (and fonts) laid over any layout's."""

    name: str
    folder: Path
    description: str = ""
    stylesheets: tuple[str, ...] = ("theme.css",)
    fonts: dict[str, str] = field(default_factory=dict)
    font_family: str | None = None
    # how many times the pages its bigger or wider text needs: a letter of at
    # most 2 pages may take 4 in large print (fixed_pages layouts excepted)
    page_factor: float = 1.0

    def find(self, name: str) -> Path:
        """The file ``name`` in the theme's folder, else in ``fonts/``."""
        return find_in([self.folder, bundled("fonts")], name, self.folder / THEME_SETTINGS)


def bundled_themes() -> dict[str, Path]:
    """The bundled themes' folders by name."""
    return {
        path.parent.name: path.parent
        for path in sorted((bundled("layouts") / THEMES).glob(f"*/{THEME_SETTINGS}"))
    }


def find_theme(name_or_path: str | Path) -> Theme:
    """A bundled theme by name (``large-print``) or the user's own folder."""
    folder = Path(name_or_path)
    if not is_file(folder / THEME_SETTINGS):
        folder = bundled_themes().get(str(name_or_path), folder)
    settings_file = folder / THEME_SETTINGS
    if not is_file(settings_file):
        raise InputError.single(
            str(name_or_path),
            f"no theme here{did_you_mean(str(name_or_path), bundled_themes())}: a theme "
            f"is a folder with a {THEME_SETTINGS}; bundled themes: "
            f"{', '.join(bundled_themes())}",
        )
    settings = read_folder_settings(settings_file, THEME_KEYS)
    theme = Theme(
        name=settings.get("name", folder.name),
        folder=folder.resolve(),
        description=settings.get("description", ""),
        stylesheets=tuple(settings.get("stylesheets", ["theme.css"])),
        fonts=dict(settings.get("fonts", {})),
        font_family=settings.get("font_family"),
        page_factor=max(1.0, float(settings.get("page_factor", 1.0))),
    )
    for name in [*theme.stylesheets, *theme.fonts.values()]:
        theme.find(name)  # every file it names is there
    return theme
