"""Known Ed25519 keys for the browser tests, as Solana key files, and signing from Python
(SPEC §9) so that a test can act for another party (a co-staker taking the browser owner's
offer) without a second browser."""
import json
import uuid
from datetime import datetime, timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58(data):
    n, out = int.from_bytes(data, "big"), ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


class Key:
    def __init__(self, number):
        seed = bytes([number]) * 32
        self.private = Ed25519PrivateKey.from_private_bytes(seed)
        public = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.address = b58(public)
        self.key_file = list(seed) + list(public)

    def signed(self, server, type_, **parameters):
        """The body of a signed transaction against the server's network and clock."""
        status = server.request("/v1/status")[1]
        now = datetime.strptime(status["now"], "%Y-%m-%dT%H:%M:%SZ")
        message = json.dumps({"network": status["network"], "type": type_, "signer": self.address,
                              "nonce": uuid.uuid4().hex, "expires_at": (now + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                              **parameters})
        return {"message": message, "signature": b58(self.private.sign(message.encode()))}

    def send(self, server, type_, **parameters):
        return server.request("/v1/transactions", self.signed(server, type_, **parameters))
