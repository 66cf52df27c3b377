"""Reads the Home Office digital referral form's field list (a Markdown table: one row per page,
with its heading, fields and next pages) into plain data. Used to build Clearsight's form definition
(scripts/build_nrm_form.py) and by the test that checks the definition still matches the reference."""

import re

ROW = re.compile(r"^\|\s*`(?P<step>/[^`]+)`\s*\|(?P<heading>[^|]*)\|(?P<fields>.*)\|(?P<next>[^|]*)\|\s*$")
FIELD = re.compile(
    r"^`(?P<key>[^`]+)`\s*\((?P<meta>[^)]*)\)(?::\s*\[(?P<options>[^\]]*)\])?\s*—\s*(?P<label>.*)$"
)


def parse_field(text):
    match = FIELD.match(text.strip())
    if not match:
        raise ValueError(f"cannot read field: {text!r}")
    meta = [m.strip() for m in match["meta"].split(",")]
    kind = meta[0]
    required = "req" in meta[1:]
    condition = next((m[3:].strip() for m in meta[1:] if m.startswith("if ")), None)
    options_text = match["options"]
    options, options_from_list = [], None
    if options_text is not None:
        list_match = re.match(r"<(\d+) options from list>", options_text.strip())
        if list_match:
            options_from_list = int(list_match[1])
        else:
            options = [o.strip() for o in options_text.split("/") if o.strip()]
    return {
        "key": match["key"],
        "type": kind,
        "required": required,
        "condition": condition,
        "options": options,
        "options_from_list": options_from_list,
        "label": match["label"].strip(),
    }


def parse(markdown):
    pages = []
    for line in markdown.splitlines():
        match = ROW.match(line)
        if not match or match["step"] == "/Step":
            continue
        fields_text = match["fields"].strip()
        fields = [parse_field(f) for f in fields_text.split("<br>") if f.strip()] if fields_text else []
        nexts = match["next"].strip()
        pages.append({
            "step": match["step"],
            "heading": match["heading"].strip(),
            "fields": fields,
            "next": nexts,
        })
    return pages
