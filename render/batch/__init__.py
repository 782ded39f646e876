"""Building many inputs at once: above the pipeline, below the command.

``inputs`` turns files and folders into the inspection files to build
(found as ``easyread check`` finds them) and takes a shard of them;
``manifest`` records what each output was made from, so an input whose
outputs are up to date is skipped; ``run`` builds the rest, in worker
processes that each import WeasyPrint once, and says what became of each.
"""

from .._lazy import exporter

_EXPORTS = {
    "find_inputs": "inputs",
    "parse_shard": "inputs",
    "take_shard": "inputs",
    "MANIFEST": "manifest",
    "Outcome": "run",
    "run_build": "run",
}
__all__ = sorted(_EXPORTS)
__getattr__ = exporter(__name__, _EXPORTS)
