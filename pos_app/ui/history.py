"""The name the main window looks up for History; the views live in history_view and report_view."""

from pos_app.ui.history_view import HistoryView, open_history
from pos_app.ui.report_view import ReportView, open_report

__all__ = ["HistoryView", "ReportView", "open_history", "open_report"]
