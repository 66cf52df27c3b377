from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("clearsight.core.urls")),
]

handler403 = "clearsight.core.views.pages.error_403"
handler404 = "clearsight.core.views.pages.error_404"
handler500 = "clearsight.core.views.pages.error_500"
