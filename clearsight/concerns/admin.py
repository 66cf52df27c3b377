"""Routing configuration, edited by each council's administrators in the admin."""

from django.contrib import admin
from django.db import models

from clearsight.core.admin import AdministratorOnly
from clearsight.core.models import Organisation, User
from clearsight.core.roles import Role

from .models import RouteSetting
from .services import ensure_route_settings


@admin.register(RouteSetting)
class RouteSettingAdmin(AdministratorOnly):
    list_display = ["title", "kind", "available", "due", "due_amount", "owner"]
    list_filter = ["available"]
    fields = ["organisation", "kind", "available", "title", "due", "due_amount", "owner", "reference_label",
              "contact_name", "contact_phone", "contact_email", "contact_web_form", "guidance"]
    readonly_fields = ["organisation", "kind"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _own(self, request):
        return request.user.organisation_ids_with_role(Role.ADMINISTRATOR)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organisation_id__in=self._own(request)).select_related("owner")

    def changelist_view(self, request, extra_context=None):
        for organisation in Organisation.objects.filter(id__in=self._own(request), kind=Organisation.Kind.COUNCIL):
            ensure_route_settings(organisation)
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            # The council's own people and those of its partners, such as the shared procurement
            # service's modern slavery champion.
            own = self._own(request)
            partners = Organisation.objects.filter(partnerships__members__in=own).values("id")
            kwargs["queryset"] = User.objects.filter(
                is_active=True, memberships__organisation_id__in=list(own) + list(partners.values_list("id", flat=True))
            ).distinct().order_by("full_name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
