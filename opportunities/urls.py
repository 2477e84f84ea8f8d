from django.urls import path  # noqa: F401 (patterns are added by the views that follow)

app_name = "opportunities"

urlpatterns = []
