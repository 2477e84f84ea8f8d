from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CareercenterConfig(AppConfig):
    name = "careercenter"
    verbose_name = "Accounts and roles"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deployment checks)
        from .roles import grant_role_permissions

        # Permissions rows are created after migrations run, so the admin group's permissions
        # are granted here, on every migrate, for models added since.
        post_migrate.connect(grant_role_permissions, dispatch_uid="careercenter_role_permissions")
