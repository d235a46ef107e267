"""`python -m cowextract`: the same as the `cowextract` command."""

from cowextract.cli import main

main()
