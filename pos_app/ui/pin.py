"""The name the main window looks up for the manager PIN; the dialog lives in pos_app.ui.pin_dialog."""

from pos_app.ui.pin_dialog import ask_manager_pin, require_manager

__all__ = ["ask_manager_pin", "require_manager"]
