"""easyread: inspection data -> easy-read HTML and accessible PDF for children.

The public API: ``load`` reads and validates an inspection file, ``build``
renders files into a folder.
"""

__version__ = "0.1.0"

from .pipeline import build, load  # noqa: E402

__all__ = ["build", "load", "__version__"]
