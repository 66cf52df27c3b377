"""Cohorts, what each must do, training levels and courses: set up by administrators in the admin,
for their own organisations only."""

from django.contrib import admin

from clearsight.core.admin import AdministratorOnly, _is_admin
from clearsight.core.models import Organisation
from clearsight.core.roles import Role

from .models import Cohort, CohortRequirement, Course, TrainingLevel
from .services import place_organisation


def _own(request):
    return request.user.organisation_ids_with_role(Role.ADMINISTRATOR)


class OwnOrganisation(AdministratorOnly):
    organisation_path = "organisation_id"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**{f"{self.organisation_path}__in": _own(request)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.filter(pk__in=_own(request))
        elif db_field.name == "level":
            kwargs["queryset"] = TrainingLevel.objects.filter(organisation_id__in=_own(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RequirementInline(admin.TabularInline):
    model = CohortRequirement
    extra = 1
    fields = ["level", "refresh_months", "grace_days"]

    def has_view_permission(self, request, obj=None):
        return _is_admin(request)

    def has_change_permission(self, request, obj=None):
        return _is_admin(request)

    def has_add_permission(self, request, obj=None):
        return _is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return _is_admin(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "level":
            kwargs["queryset"] = TrainingLevel.objects.filter(organisation_id__in=_own(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Cohort)
class CohortAdmin(OwnOrganisation):
    list_display = ["name", "organisation", "everyone"]
    fields = ["organisation", "name", "description", "everyone", "job_title_words", "services", "roles"]
    inlines = [RequirementInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Rules or requirements changed: place everyone again (people keep the date they joined).
        place_organisation(form.instance.organisation_id)


@admin.register(TrainingLevel)
class TrainingLevelAdmin(OwnOrganisation):
    list_display = ["name", "code", "organisation"]
    fields = ["organisation", "code", "name", "description"]


@admin.register(Course)
class CourseAdmin(OwnOrganisation):
    list_display = ["title", "kind", "level", "organisation"]
    fields = ["organisation", "title", "kind", "level"]
