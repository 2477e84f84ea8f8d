from django.urls import path

from . import search_views, views

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
    # A student's saved searches and their alerts (see search_views).
    path("me/searches/", search_views.search_list, name="searches"),
    path("me/searches/new/", search_views.search_add, name="search_add"),
    path("me/searches/<int:pk>/", search_views.search_edit, name="search_edit"),
    path("me/searches/<int:pk>/delete/", search_views.search_delete, name="search_delete"),
    path(
        "searches/unsubscribe/<str:token>/",
        search_views.search_unsubscribe,
        name="search_unsubscribe",
    ),
]
