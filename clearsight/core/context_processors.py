from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

from . import govuk
from .navigation import navigation_for


def service(request):
    user = getattr(request, "user", None)
    # Until the second factor is done, the user is not yet signed in as far as the page shows.
    signed_in = bool(user and user.is_authenticated and (not user.needs_two_factor or user.is_verified()))
    end = ""
    if signed_in:
        organisation = getattr(user, "acting_organisation", None) or user.primary_organisation
        # "Your account" (where people sign out) is beside their name, not in the navigation bar.
        end = format_html(
            '<p class="govuk-body-s app-signed-in">{}<br><span class="govuk-!-font-weight-bold">{}</span><br>'
            '<a class="govuk-link" href="{}">Your account</a></p>',
            user.full_name,
            organisation.name if organisation else "No organisation",
            reverse("core:account"),
        )
        if getattr(user, "acts_for_several", False):
            end = format_html('{}<p class="govuk-body-s app-signed-in"><a class="govuk-link" href="{}">Change organisation'
                              '<span class="govuk-visually-hidden"> you are working for</span></a></p>',
                              end, f"{reverse('core:choose-organisation')}?{urlencode({'next': request.get_full_path()})}")
    navigation = govuk.component(
        "service-navigation",
        {
            "serviceName": settings.SERVICE_NAME,
            "serviceUrl": "/",
            "navigation": navigation_for(user, request.path) if signed_in else [],
            "navigationLabel": "Menu",
            "slots": {"end": end} if end else None,
        },
    )
    return {
        "service_name": settings.SERVICE_NAME,
        "service_navigation": navigation,
        "demo_mode": settings.DEMO_MODE,
    }
