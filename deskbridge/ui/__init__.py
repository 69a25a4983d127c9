"""The PySide6 desktop app. Talks to the domain only; never to the store or SQL."""
