"""The PySide6 counter window: the only package that imports Qt (see the import-linter contract).

Widgets stay thin: every network or disk call goes through ``pos_app.ui.worker.SerialWorker`` to the
Qt-free core (``pos_app.workflow``), and results come back by signal on the GUI thread.
"""
