"""The Django admin, for administrators only, showing only their own organisations' data."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .models import IdentityProvider, Membership, Organisation, OutboundEmail, Partnership, User
from .roles import Capability


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

    # Every change made here is in Clearsight's audit log too, not only in the admin's own history.
    def log_addition(self, request, obj, message):
        self._audit(request, obj, "create", "Added in the admin")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, obj, "change", "Changed in the admin")
        return super().log_change(request, obj, message)

    def _audit(self, request, obj, action, description):
        from . import audit

        audit.record(request, action, record_type=obj._meta.verbose_name,
                     record_id=getattr(obj, "public_id", obj.pk), description=description)


# Nothing that decides who sees what is in the admin (ADR 0026): organisations, partnerships,
# memberships and roles are changed only through Clearsight's own pages, which check the other side's
# consent where there is one and write every change to the audit log.
ACCESS_DECIDING_MODELS = (Organisation, Partnership, Membership, User)


def remove_third_party_admin():
    for model in list(admin.site._registry):
        if not model.__module__.startswith("clearsight.") or model in ACCESS_DECIDING_MODELS:
            admin.site.unregister(model)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(AdministratorOnly):
    """The emails of the administrator's organisations: queued, sent or failed, how many attempts, the
    last error and Notify's id (core/email.py, ADR 0034). Read only; bodies are not kept once sent."""

    list_display = ("queued_at", "to", "subject", "status", "attempts", "sent_at", "last_error")
    list_filter = ("status",)
    search_fields = ("to",)
    fields = ("key", "organisation", "to", "subject", "status", "attempts", "last_error", "provider", "provider_id",
              "queued_at", "sent_at")
    readonly_fields = fields

    def get_queryset(self, request):
        from .roles import Role

        organisations = request.user.organisation_ids_with_role(Role.ADMINISTRATOR)
        return super().get_queryset(request).filter(organisation_id__in=organisations)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # The list and each email show addresses: every look is in the audit log.
    def changelist_view(self, request, extra_context=None):
        self._audit(request, OutboundEmail(pk=None), "view", "Looked at the list of emails sent")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._audit(request, OutboundEmail(pk=object_id), "view", "Looked at an email sent")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(IdentityProvider)
class IdentityProviderAdmin(AdministratorOnly):
    """Single sign-on (core/oidc.py, ADR 0035): the identity providers of the administrator's own
    organisations. A provider gives no roles and makes no accounts; the client secret stays in the
    environment variable the record names. ``manage.py add_identity_provider`` fills in the endpoints
    from the provider's discovery document."""

    list_display = ("name", "organisation", "email_domains", "issuer", "is_active")
    list_filter = ("is_active",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "organisation", "email_domains", "is_active")}),
        ("Provider", {"fields": ("issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
                                 "end_session_endpoint", "signing_algorithm")}),
        ("Client", {"fields": ("client_id", "client_secret_variable")}),
        ("Multi-factor authentication", {"fields": ("trusts_mfa", "mfa_acr_values")}),
    )

    def _organisation_ids(self, request):
        from .roles import Role

        return request.user.organisation_ids_with_role(Role.ADMINISTRATOR)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organisation_id__in=self._organisation_ids(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.filter(pk__in=self._organisation_ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
