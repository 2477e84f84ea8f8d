"""The site's URLs plus the benchmark's floor; the settings use it only when BENCH_FLOOR is set."""

from django.urls import include, path

from .floor import floor

urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("", include("careercenter.urls")),
]
