from django.urls import path

from . import views

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
]
