"""Staff groups, kept in step by data migrations in each app.

Editors write and publish content; Moderators handle comments and enquiries. Each app's
migration calls ``grant`` for its own models, so permissions live beside the models.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"


def grant(apps, group_name, app_label, model_actions):
    """Give ``group_name`` the permissions ``{model: [actions]}`` of ``app_label``; idempotent.

    For use inside RunPython: permissions are created first, as on a fresh database they
    would otherwise only appear after all migrations have run.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    # create_permissions skips app configs without a models module; migration stubs have none.
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    codenames = [f"{action}_{model}" for model, actions in model_actions.items() for action in actions]
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)
