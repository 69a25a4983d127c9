"""One DeskBridge per database: a second start brings the first window to the front.

The first instance listens on a local socket (a named pipe on Windows) whose name is a short
hash of the user and the resolved database location, so two users, or one user with two
databases, never meet. A later start on the same database connects, asks the first to come
to the front, and ends. A socket left behind by an instance that crashed answers nobody:
the new instance removes it and becomes the first.
"""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from deskbridge.paths import database_url

CONNECT_TIMEOUT_MS = 1000
ACTIVATE = b"activate\n"


def server_name_for(location: str | None) -> str:
    """The socket name for the user and the database at ``location`` (path, URL, or None
    for the default); the same database reached by another path gives the same name."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = ""
    key = f"{user}\0{database_url(location)}".encode()
    return f"deskbridge-{hashlib.sha256(key).hexdigest()[:16]}"


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` in front: out of the tray or the task bar, keeping it maximised when
    it was."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """The guard for one database. :meth:`claim` says whether this process goes on."""

    activate = Signal()
    """Another start on the same database asked this instance to come to the front."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this is the first instance (it now listens for later ones); False when
        another instance already runs on the database and was asked to come to the front."""
        if self._ask_the_first():
            return False
        # Nobody answered: a socket file left by a crashed instance would make listen() fail.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Not being able to guard is no reason to refuse to start.
            server.deleteLater()
            return True
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def release(self) -> None:
        """Stop listening (the app is ending)."""
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None

    def _ask_the_first(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def _accept(self) -> None:
        server = self.server
        while server is not None and server.hasPendingConnections():
            connection = server.nextPendingConnection()
            # Any caller is a second start: it connected only to ask for the front.
            connection.disconnected.connect(connection.deleteLater)
            connection.disconnectFromServer()
            self.activate.emit()
