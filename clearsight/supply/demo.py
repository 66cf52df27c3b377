"""Demo supply chain data: filled in by the supply chain slices."""


def load():
    return None
