from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.roles import sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after the last migration (post_migrate); create the
    # ones that exist at this point now, so the roles are complete on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    sync_roles(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0004_history_and_access_log"),
    ]

    # Going back keeps the groups: they may have members.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
