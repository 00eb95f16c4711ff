#!/usr/bin/env python3
# Signs a costake transaction (SPEC §9) with a raw 32-byte Ed25519 seed in hex, for trying the
# API with curl before the CLI wallet: `sign.py KEYFILE` prints the address;
# `sign.py KEYFILE TYPE [PARAMS-JSON] [NETWORK]` prints the body for POST /v1/transactions.
# Needs the Python package `cryptography`.
import json, sys, uuid, datetime
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
def b58(data):
    n, out = int.from_bytes(data, "big"), ""
    while n: n, r = divmod(n, 58); out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out
key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(open(sys.argv[1]).read().strip()))
address = b58(key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
if len(sys.argv) == 2: print(address); sys.exit()
expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
network = sys.argv[4] if len(sys.argv) > 4 else "costake-local"
message = json.dumps({"network": network, "type": sys.argv[2], "signer": address, "nonce": uuid.uuid4().hex,
                      "expires_at": expires, **json.loads(sys.argv[3] if len(sys.argv) > 3 else "{}")})
print(json.dumps({"message": message, "signature": b58(key.sign(message.encode()))}))
