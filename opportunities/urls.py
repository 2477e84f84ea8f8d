from django.urls import path

from . import views

app_name = "opportunities"

urlpatterns = [
    path("formats/", views.format_list, name="formats"),
    # Before formats/<slug>/: Format.clean() keeps "compare" from being used as a slug.
    path("formats/compare/", views.format_compare, name="compare"),
    path("formats/<slug:slug>/", views.format_detail, name="format"),
    path("opportunities/", views.opportunity_list, name="list"),
    path("opportunities/saved/", views.saved_list, name="saved"),
    # "save" comes before the id so that no listing's slug can shadow it.
    path("opportunities/save/<int:pk>/", views.save_opportunity, name="save"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="detail"),
    path("opportunities/<int:pk>/<slug:slug>/", views.opportunity_detail, name="detail"),
]
