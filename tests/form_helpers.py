"""Reading a page's form as a browser would send it back."""

from lxml import html


def form_values(page: str, **changes) -> dict:
    """What the page's form for changing a record (the one with a ``version``) sends when submitted,
    with ``changes`` made to it as a person would: each name to a list of values (checked boxes,
    chosen options)."""
    form = next(f for f in html.fromstring(page).forms if "version" in f.inputs.keys())
    values: dict = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    values.pop("csrfmiddlewaretoken", None)
    for name, value in changes.items():
        values[name] = value if isinstance(value, list) else [value]
    return values
