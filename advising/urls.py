from django.urls import path

from . import advisor_views, recommendation_views

app_name = "advising"

urlpatterns = [
    # The advisor's workflow (advisors and career-center admins; see advisor_views).
    path("advising/", advisor_views.caseload, name="caseload"),
    path("advising/students/<int:pk>/", advisor_views.student_detail, name="student"),
    path("advising/students/<int:pk>/what-if/", advisor_views.whatif, name="whatif"),
    path(
        "advising/students/<int:pk>/recommendations/new/",
        advisor_views.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "advising/recommendations/<int:pk>/edit/",
        advisor_views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "advising/recommendations/<int:pk>/share/",
        advisor_views.recommendation_share,
        name="recommendation_share",
    ),
    # A student's own shared recommendations (see recommendation_views).
    path(
        "me/recommendations/<int:pk>/",
        recommendation_views.my_recommendation,
        name="my_recommendation",
    ),
    path(
        "me/recommendations/<int:pk>/respond/",
        recommendation_views.recommendation_respond,
        name="recommendation_respond",
    ),
]
