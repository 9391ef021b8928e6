"""Who the session knows (``people``): every identity ever let in, with the name it
holds, connected or not, so a member can write to a colleague who is away."""

from __future__ import annotations

import logging

from ..protocol import Error, Member, People
from ..protocol.codec import encode_member, encode_people_list
from ..protocol.events import STORAGE_ERROR
from ..store import HistoryStore, StoreError
from .member_connection import MemberConnection
from .request_limits import RequestLimiter
from .store_errors import describe_store_error

log = logging.getLogger(__name__)


class PeopleDirectory:
    """Answers ``people`` from the names the history holds (banned devices left out).

    Args:
        store: The history, whose held names say who the session knows.
        limiter: Counts each ``people`` as a join.
    """

    def __init__(self, store: HistoryStore, limiter: RequestLimiter) -> None:
        self._store = store
        self._limiter = limiter

    def list_people(self, member: MemberConnection, request: People) -> None:
        """``people_list`` (after ``people_part`` frames when it is long), sorted by
        name as member lists are."""
        refusal = self._limiter.join_refusal(member, request.ref)
        if refusal is not None:
            member.refuse(refusal)
            return
        try:
            known = self._store.known_people()
        except StoreError as error:
            log.warning("cannot list the people of the session: %s", error)
            text, problem = describe_store_error(error), error.problem.value
            member.send(Error(STORAGE_ERROR, text, problem=problem, ref=request.ref))
            return
        known.sort(key=lambda person: (person[1].casefold(), person[1], person[0]))
        entries = [encode_member(Member(name, user)) for user, name in known]
        member.send_bytes(encode_people_list(entries, request.ref))
