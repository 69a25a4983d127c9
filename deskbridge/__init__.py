"""DeskBridge: keep your cross-department working relationships healthy."""

__version__ = "0.1.0"
APP_NAME = "DeskBridge"
