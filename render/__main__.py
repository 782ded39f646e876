"""``python -m render``: the same as the ``easyread`` command."""

from .cli import main

main(prog_name="easyread")
