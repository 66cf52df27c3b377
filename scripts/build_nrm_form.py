"""Build clearsight/concerns/reference/home_office_referral_form.json from the reference field list.

Usage: .venv/bin/python scripts/build_nrm_form.py ../shared/reference/home-office-referral-form-fields.md
Run again when the Home Office changes its form; the test in tests/unit/test_nrm_form.py fails
until the definition matches the reference again.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from clearsight.concerns.nrm_reference import parse  # noqa: E402

source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/home-office-referral-form-fields.md")
pages = parse(source.read_text(encoding="utf-8"))
out = Path("clearsight/concerns/reference/home_office_referral_form.json")
out.write_text(json.dumps({
    "source": "Home Office, Modern Slavery National Referral Mechanism and Duty to Notify digital referral form: "
              "pages, field keys, options and branches (Open Government Licence)",
    "version": "2026",
    "text_limit": 15000,
    "text_limit_source": "NRM offline referral form 2026: 15,000-character limit for text boxes",
    "pages": pages,
}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"{len(pages)} pages, {sum(len(p['fields']) for p in pages)} fields written to {out}")
