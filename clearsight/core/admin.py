"""The Django admin, for administrators only, showing only their own organisations' data."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .models import Membership, Organisation, Partnership, User
from .roles import Capability, Role


def _is_admin(request):
    user = request.user
    return user.is_active and user.is_authenticated and user.can(Capability.USE_ADMIN) and user.is_verified()


admin.site.site_header = "Clearsight administration"
admin.site.site_title = "Clearsight administration"
admin.site.index_title = "Settings"
admin.site.has_permission = _is_admin


def _sign_in_instead(request, extra_context=None):
    """The admin has no sign-in of its own: everyone signs in through Clearsight, with two factors."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path(), reverse("core:sign-in"))


admin.site.login = _sign_in_instead


class AdministratorOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return _is_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_admin(request)

    def has_change_permission(self, request, obj=None):
        return _is_admin(request)

    def has_add_permission(self, request):
        return _is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(AdministratorOnly):
    list_display = ["name", "kind", "is_first_responder", "is_active"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(id__in=request.user.organisation_ids_with_role(Role.ADMINISTRATOR))

    def has_add_permission(self, request):
        return False


@admin.register(Partnership)
class PartnershipAdmin(AdministratorOnly):
    list_display = ["name", "kind"]

    def get_queryset(self, request):
        own = request.user.organisation_ids_with_role(Role.ADMINISTRATOR)
        return super().get_queryset(request).filter(members__in=own).distinct()


@admin.register(Membership)
class MembershipAdmin(AdministratorOnly):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]

    def get_queryset(self, request):
        own = request.user.organisation_ids_with_role(Role.ADMINISTRATOR)
        return super().get_queryset(request).filter(organisation_id__in=own).select_related("user", "organisation")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        own = request.user.organisation_ids_with_role(Role.ADMINISTRATOR)
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.filter(id__in=own)
        if db_field.name == "user":
            kwargs["queryset"] = User.people.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def remove_third_party_admin():
    for model in list(admin.site._registry):
        if not model.__module__.startswith("clearsight."):
            admin.site.unregister(model)
