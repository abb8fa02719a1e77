"""``python -m parley``: the ``parley`` command, for where the console script is not on PATH."""

from .cli.main import main

if __name__ == "__main__":
    main(prog_name="parley")
