from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "careercenter administration"
admin.site.site_title = "careercenter admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_page, name="help"),
    path("healthz/", views.healthz, name="healthz"),
    path("", include("notifications.urls")),
    path("", include("opportunities.urls")),
    path("", include("advising.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
