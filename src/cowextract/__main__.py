"""`python -m cowextract`: the same as the `cowextract` command."""

from .cli import main

main()
