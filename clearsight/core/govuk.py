"""Render GOV.UK Frontend components (the govuk-frontend-jinja macros) from Django.

``component("input", {...})`` renders one macro with the Design System's own parameters.
``field_params(bound_field)`` turns a Django form field into those parameters, so every form
shows GOV.UK labels, hints, error messages and keeps whatever the user typed.
"""

from functools import lru_cache, cache

from django import forms
from django.utils.safestring import mark_safe

from .fields import GovUKDateWidget, date_error_parts
from jinja2 import Environment, PackageLoader, PrefixLoader, select_autoescape

MACROS = {
    "input": "govukInput",
    "password-input": "govukPasswordInput",
    "textarea": "govukTextarea",
    "character-count": "govukCharacterCount",
    "radios": "govukRadios",
    "checkboxes": "govukCheckboxes",
    "select": "govukSelect",
    "date-input": "govukDateInput",
    "error-summary": "govukErrorSummary",
    "summary-list": "govukSummaryList",
    "button": "govukButton",
    "notification-banner": "govukNotificationBanner",
    "warning-text": "govukWarningText",
    "tag": "govukTag",
    "table": "govukTable",
    "pagination": "govukPagination",
    "back-link": "govukBackLink",
    "inset-text": "govukInsetText",
    "details": "govukDetails",
    "panel": "govukPanel",
    "service-navigation": "govukServiceNavigation",
    "skip-link": "govukSkipLink",
    "footer": "govukFooter",
    "phase-banner": "govukPhaseBanner",
}


@lru_cache(maxsize=1)
def _environment():
    return Environment(
        loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


@cache
def _template(name):
    macro = MACROS[name]
    source = (
        f"{{%- from 'govuk_frontend_jinja/components/{name}/macro.html' import {macro} -%}}"
        f"{{{{ {macro}(params) }}}}"
    )
    return _environment().from_string(source)


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def component(name, params):
    return mark_safe(_template(name).render(params=_clean(params)))


def _error(field):
    if field.errors:
        return {"text": " ".join(str(e) for e in field.errors)}
    return None


def _hint(field):
    return {"text": str(field.help_text)} if field.help_text else None


def first_input_id(field):
    widget = field.field.widget
    if isinstance(widget, GovUKDateWidget):
        # The first box that is wrong (31 2 20 links to the day; 3 4 20 to the year), else the day.
        wrong = date_error_parts(field.errors)
        return f"{field.auto_id}-{wrong[0] if wrong else 'day'}"
    return field.auto_id


def field_params(field, *, heading=False, label_size=None, classes=None, hint=None, label=None):
    """Parameters for the GOV.UK macro that fits the field's widget, and the macro's name."""
    widget = field.field.widget
    label_text = str(label or field.label)
    label_classes = f"govuk-label--{label_size}" if label_size else ("govuk-label--l" if heading else None)
    legend_classes = f"govuk-fieldset__legend--{label_size}" if label_size else (
        "govuk-fieldset__legend--l" if heading else "govuk-fieldset__legend--s"
    )
    hint_value = {"text": str(hint)} if hint else _hint(field)
    attrs = dict(widget.attrs)
    common = {"hint": hint_value, "errorMessage": _error(field)}

    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        is_checkboxes = isinstance(widget, forms.CheckboxSelectMultiple)
        value = field.value()
        selected = {str(v) for v in (value or [])} if is_checkboxes else {str(value)} if value not in (None, "") else set()
        item_hints = getattr(field.field, "item_hints", {}) or {}
        items = [
            {
                "value": str(v),
                "text": str(text),
                "checked": str(v) in selected,
                "hint": {"text": str(item_hints[v])} if v in item_hints else None,
            }
            for v, text in field.field.choices
            if str(v) != ""
        ]
        params = {
            **common,
            "name": field.html_name,
            "idPrefix": field.auto_id,
            "items": items,
            "classes": classes,
            "fieldset": {"legend": {"text": label_text, "isPageHeading": heading, "classes": legend_classes}},
        }
        return ("checkboxes" if is_checkboxes else "radios"), params

    if isinstance(widget, forms.CheckboxInput):
        params = {
            **common,
            "name": field.html_name,
            "idPrefix": field.auto_id,
            "items": [{"value": "on", "text": label_text, "checked": bool(field.value())}],
        }
        return "checkboxes", params

    if isinstance(widget, forms.Select):
        value = field.value()
        params = {
            **common,
            "id": field.auto_id,
            "name": field.html_name,
            "label": {"text": label_text, "isPageHeading": heading, "classes": label_classes},
            "classes": classes,
            "items": [
                {"value": str(v), "text": str(text), "selected": str(v) == str(value if value is not None else "")}
                for v, text in field.field.choices
            ],
        }
        return "select", params

    if isinstance(widget, GovUKDateWidget):
        day, month, year = widget.parts(field.value())
        wrong = date_error_parts(field.errors)  # only the boxes that are wrong are highlighted
        params = {
            **common,
            "id": field.auto_id,
            "namePrefix": field.html_name,
            "fieldset": {"legend": {"text": label_text, "isPageHeading": heading, "classes": legend_classes}},
            "items": [
                {"name": "day", "label": "Day", "value": day, "classes": "govuk-input--width-2" + (" govuk-input--error" if "day" in wrong else "")},
                {"name": "month", "label": "Month", "value": month, "classes": "govuk-input--width-2" + (" govuk-input--error" if "month" in wrong else "")},
                {"name": "year", "label": "Year", "value": year, "classes": "govuk-input--width-4" + (" govuk-input--error" if "year" in wrong else "")},
            ],
        }
        return "date-input", params

    value = field.value()
    base = {
        **common,
        "id": field.auto_id,
        "name": field.html_name,
        "label": {"text": label_text, "isPageHeading": heading, "classes": label_classes},
        "classes": classes or attrs.pop("class", None),
        "autocomplete": attrs.pop("autocomplete", None),
        "spellcheck": attrs.pop("spellcheck", None),
        "inputmode": attrs.pop("inputmode", None),
    }
    if isinstance(widget, forms.Textarea):
        max_length = getattr(field.field, "max_length", None)
        base["value"] = value or ""
        base["rows"] = attrs.pop("rows", 5)
        if max_length:
            base["maxlength"] = max_length
            return "character-count", base
        return "textarea", base
    if isinstance(widget, forms.PasswordInput):
        # Passwords are never sent back to the browser.
        return "password-input", base
    base["value"] = "" if value is None else str(value)
    base["type"] = {"email": "email", "number": "text", "tel": "tel"}.get(widget.input_type, widget.input_type)
    if widget.input_type == "number":
        base["inputmode"] = "numeric"
    return "input", base


def render_field(field, **options):
    name, params = field_params(field, **options)
    return component(name, params)


def error_summary(form, also="", also_href=""):
    """The GOV.UK error summary for a bound form with errors, each error linking to its field; ``also``,
    if given, is one more error, last, linking to ``also_href`` (an input the form does not hold)."""
    errors = []
    for error in form.non_field_errors():
        errors.append({"text": str(error), "href": "#main-content"})
    for field in form:
        for error in field.errors:
            errors.append({"text": str(error), "href": f"#{first_input_id(field)}"})
    if also:
        errors.append({"text": str(also), "href": also_href})
    if not errors:
        return ""
    return component("error-summary", {"titleText": "There is a problem", "errorList": errors})
