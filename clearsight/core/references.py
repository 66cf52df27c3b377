"""Human-friendly record references that hold nothing about the person: e.g. MS-7K4Q-2D9X."""

import secrets

# No 0/O, 1/I: easy to read out over the phone.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference(prefix: str) -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{code[:4]}-{code[4:]}"
