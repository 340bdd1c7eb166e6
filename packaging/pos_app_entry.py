"""Entry script for PyInstaller (``build.spec``): the frozen ``pos-app`` is ``pos_app.app:main``."""

import multiprocessing
import sys

from pos_app.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen child process must not re-run the CLI
    sys.exit(main())
