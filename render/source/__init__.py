"""Stage 1, source: reading a user's file.

Reads a YAML or JSON file with the locked-down parser (``parser``) into
plain data and a source map that points every field at its line and column
(``read``), and checks the user's own picture files beside it
(``pictures``). Nothing here knows what an inspection is.
"""

from .._lazy import exporter

_EXPORTS = {
    "PICTURE_TYPES": "pictures",
    "PictureError": "pictures",
    "as_data_url": "pictures",
    "embed_picture": "pictures",
    "find_picture": "pictures",
    "FieldPath": "read",
    "MAX_BYTES": "files",
    "MAX_BYTES_LIMIT": "files",
    "read_text": "files",
    "read_setting_text": "files",
    "SETTINGS_MAX_BYTES": "files",
    "Source": "read",
    "field_names": "read",
    "format_field": "read",
    "read_source": "read",
    "parse_toml": "tomlfile",
    "read_toml": "tomlfile",
    "toml_line": "tomlfile",
}
__all__ = sorted(_EXPORTS)
__getattr__ = exporter(__name__, _EXPORTS)
