"""The owner's commands in ``messenger host``'s terminal: let waiting devices in or
refuse them (``--approval``), remove or ban members. One command per line on stdin:

    y N          let request N in          n N       refuse request N
    members      list the members          remove NAME / ban NAME
"""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import TextIO

from .core.approval_code import format_code
from .core.identity import short_form
from .host import HostService
from .host.admission import ApprovalRequest

HELP = "commands: y N (let in), n N (refuse), members, remove NAME, ban NAME"


class HostTerminal:
    """Reads the owner's commands for ``service`` from ``lines`` (stdin), writes to
    ``out`` (stderr). Lines are read by a daemon thread and handled on ``loop``."""

    def __init__(
        self,
        service: HostService,
        loop: asyncio.AbstractEventLoop,
        lines: TextIO = sys.stdin,
        out: TextIO = sys.stderr,
    ) -> None:
        self._service = service
        self._out = out
        self._requests: dict[int, ApprovalRequest] = {}
        self._numbers = 0
        service.approval_requested.connect(self._on_request)
        service.approval_ended.connect(self._on_ended)
        reader = threading.Thread(
            target=self._read, args=(lines, loop), name="host-terminal", daemon=True
        )
        reader.start()

    def _say(self, text: str) -> None:
        print(f"messenger host: {text}", file=self._out, flush=True)

    def _read(self, lines: TextIO, loop: asyncio.AbstractEventLoop) -> None:
        for line in lines:
            try:
                loop.call_soon_threadsafe(self.handle, line)
            except RuntimeError:  # the loop is closed: the host is ending
                return

    def _on_request(self, request: ApprovalRequest) -> None:
        self._numbers += 1
        self._requests[self._numbers] = request
        self._say(
            f"[{self._numbers}] {request.name!r} (id {short_form(request.user)}, from "
            f"{request.peer}) asks to join; their screen shows {format_code(request.code)}. "
            f"Type 'y {self._numbers}' to let them in, 'n {self._numbers}' to refuse."
        )

    def _on_ended(self, user: str) -> None:
        for number, request in list(self._requests.items()):
            if request.user == user:
                del self._requests[number]

    def handle(self, line: str) -> None:
        """Carries out one command line."""
        command, _, argument = line.strip().partition(" ")
        argument = argument.strip()
        if not command:
            return
        if command in ("y", "n"):
            self._answer(command == "y", argument)
        elif command == "members":
            members = self._service.members()
            listed = ", ".join(f"{name} ({short_form(user)})" for name, user in members)
            self._say(f"{len(members)} members: {listed}" if members else "no members")
        elif command in ("remove", "ban"):
            self._remove(argument, ban=command == "ban")
        else:
            self._say(f"unknown command {command!r}; {HELP}")

    def _answer(self, let_in: bool, argument: str) -> None:
        request = self._requests.get(int(argument)) if argument.isdigit() else None
        if request is None:
            self._say(f"no request {argument!r} is waiting")
            return
        if let_in:
            self._service.approve(request.user)
            self._say(f"let {request.name!r} in (remembered)")
        else:
            self._service.refuse(request.user)
            self._say(f"refused {request.name!r}")

    def _remove(self, name: str, *, ban: bool) -> None:
        users = [user for member, user in self._service.members() if member == name]
        if not users:
            self._say(f"no member is called {name!r}")
            return
        if ban:
            self._service.ban(users[0])
            self._say(f"banned {name!r} ({short_form(users[0])})")
        else:
            self._service.remove_member(users[0])
            self._say(f"removed {name!r}")
