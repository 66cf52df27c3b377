from django.contrib import admin
from django.urls import include, path

from clearsight.core.admin import remove_third_party_admin

# Only Clearsight's own admin pages, which are scoped to the administrator's organisations: the
# packages' own pages (authenticator secrets, sign-in attempts, task results) are not offered.
remove_third_party_admin()

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("clearsight.core.urls")),
    path("", include("clearsight.concerns.urls")),
    path("", include("clearsight.cases.urls")),
    path("", include("clearsight.training.urls")),
    path("", include("clearsight.supply.urls")),
    path("", include("clearsight.spend.urls")),
    path("", include("clearsight.matching.urls")),
    path("", include("clearsight.screening.urls")),
    path("", include("clearsight.assessments.urls")),
    path("", include("clearsight.partnership.urls")),
    path("", include("clearsight.intelligence.urls")),
    path("", include("clearsight.operations.urls")),
    path("", include("clearsight.actionplan.urls")),
    path("", include("clearsight.board.urls")),
    path("", include("clearsight.statements.urls")),
]

handler403 = "clearsight.core.views.pages.error_403"
handler404 = "clearsight.core.views.pages.error_404"
handler500 = "clearsight.core.views.pages.error_500"
