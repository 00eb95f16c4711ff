#!/usr/bin/env python3
"""Re-verifies a costake journal exported with `costake ledger export`, independently of
costake's own code: Python's standard library only.

    scripts/verify-journal.py journal.jsonl

For every line it checks that the sequence numbers run 1, 2, 3, ... with none missing or out
of order, that the postings sum to zero, that `previous_hash` is the hash of the line before
(32 zero bytes for the first), and that `hash` = SHA-256(previous hash bytes || canonical
bytes), where the canonical bytes are the UTF-8 text

    costake-journal-v1\\n<sequence>\\n<at_seconds>\\n<kind>\\n<reference>\\n<number of postings>\\n
    then per posting: <account> <delta>\\n

It then sums every ledger account and prints the totals in the same form as
`costake ledger verify`, so the two can be compared. Exit status 0 when everything holds,
1 with the first problem named otherwise."""
import hashlib
import json
import sys

UNIT = 100_000_000


def io(units):
    sign = "-" if units < 0 else ""
    whole, fraction = divmod(abs(units), UNIT)
    text = f"{sign}{whole}"
    if fraction:
        text += "." + f"{fraction:08d}".rstrip("0")
    return text


def fail(line_number, message):
    print(f"journal MISMATCH at line {line_number}: {message}")
    sys.exit(1)


def main(path):
    previous = bytes(32)
    balances = {}
    entries = postings = 0
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            entry = json.loads(line)
            entries += 1
            if entry["sequence"] != entries:
                fail(number, f"sequence {entry['sequence']} where {entries} was expected (an entry is missing or out of order)")
            if bytes.fromhex(entry["previous_hash"]) != previous:
                fail(number, f"entry {entry['sequence']}: previous_hash does not match the hash of the entry before")
            canonical = (f"costake-journal-v1\n{entry['sequence']}\n{entry['at_seconds']}\n{entry['kind']}\n"
                         f"{entry['reference']}\n{len(entry['postings'])}\n")
            canonical += "".join(f"{p['account']} {p['delta']}\n" for p in entry["postings"])
            digest = hashlib.sha256(previous + canonical.encode("utf-8")).digest()
            if digest.hex() != entry["hash"]:
                fail(number, f"entry {entry['sequence']}: its hash does not match its contents (the entry or its postings were altered)")
            if sum(p["delta"] for p in entry["postings"]) != 0:
                fail(number, f"entry {entry['sequence']}: its postings do not sum to zero")
            for p in entry["postings"]:
                balances[p["account"]] = balances.get(p["account"], 0) + p["delta"]
                postings += 1
            previous = digest

    def total(prefix):
        return sum(v for k, v in balances.items() if k.split(":")[0] == prefix)

    deposited, minted, burned = -balances.get("deposits", 0), -balances.get("emission", 0), balances.get("burned", 0)
    available, staked, unclaimed = total("available"), total("principal"), total("rewards")
    escrowed, carried = total("escrow"), total("carry")
    held = available + staked + unclaimed + escrowed + carried
    negative = sorted(k for k, v in balances.items() if v < 0 and k not in ("deposits", "emission"))
    if negative:
        fail(entries, f"negative balances: {', '.join(negative[:5])}")
    print(f"ledger verified: {entries} journal entries, {postings} postings, chain head {previous.hex()}")
    print(f"  deposited  {io(deposited)} IO")
    print(f"  minted     {io(minted)} IO")
    print(f"  burned     {io(burned)} IO")
    print(f"  held       {io(held)} IO = available {io(available)} + staked {io(staked)} + unclaimed {io(unclaimed)}"
          f" + escrowed {io(escrowed)} + carried {io(carried)}")
    print(f"  deposited + minted - burned = held: {'yes' if deposited + minted - burned == held else 'NO'}")
    sys.exit(0 if deposited + minted - burned == held else 1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1])
