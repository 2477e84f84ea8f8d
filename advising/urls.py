from django.urls import path

from . import advisor_views, calendar_views, recommendation_views, views

app_name = "advising"

urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
    path("me/profile/", views.profile_edit, name="profile"),
    path("me/experiences/", views.experience_list, name="experiences"),
    path("me/experiences/add/", views.experience_add, name="experience_add"),
    path("me/experiences/<int:pk>/edit/", views.experience_edit, name="experience_edit"),
    path("me/experiences/<int:pk>/delete/", views.experience_delete, name="experience_delete"),
    path("me/export/", views.export, name="export"),
    path("me/delete/", views.account_delete, name="delete_account"),
    # Everyone's calendar link and its feed (see calendar_views).
    path("me/calendar/", calendar_views.calendar_page, name="calendar"),
    path("me/calendar/reset/", calendar_views.calendar_reset, name="calendar_reset"),
    path("me/calendar/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
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
