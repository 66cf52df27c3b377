from django.urls import include, path

app_name = "concerns"

urlpatterns = [
    path("", include("clearsight.concerns.referral_urls")),
]
