"""A peer that claims another member's client id (``hello.client`` is the client's
word, anyone may send it) cannot swallow that member's messages: the host finds
repeats by the sender's identity, which only the sender can present."""

from __future__ import annotations

from tests.wire_client import WireClient


def test_a_claimed_client_id_cannot_make_anothers_message_acked_unstored(
    standalone_host, run, clients
):
    async def scenario() -> None:
        victim = await WireClient.connect(standalone_host.port)
        thief = await WireClient.connect(standalone_host.port)
        clients.extend([victim, thief])
        await victim.hello("Nạn nhân")
        await thief.hello("Kẻ gian", client=victim.client_id)
        await victim.join()
        await thief.join()
        # the thief guesses the victim's next message id and says it first
        await thief.say("giả mạo", msg_id="next-id")
        await thief.recv_type("ack")
        await victim.say("thật", msg_id="next-id")
        ack, before = await victim.recv_type("ack")
        stored = [m for m in before if m["type"] == "message" and m.get("user") == victim.user_id]
        assert [m["text"] for m in stored] == ["thật"], before
        assert ack["seq"] == stored[0]["seq"]
        # and it is in the history: a newcomer's replay holds both messages
        late = await WireClient.connect(standalone_host.port)
        clients.append(late)
        await late.hello("Đến muộn")
        _, replay = await late.join()
        assert [(m["text"], m["user"]) for m in replay] == [
            ("giả mạo", thief.user_id),
            ("thật", victim.user_id),
        ]

    run(scenario())
