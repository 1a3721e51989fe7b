from django.db import migrations

# Django creates missing permissions after migrate but never renames existing ones, so the
# two confidential permissions that looked alike in the user admin are renamed here.
NAMES = {
    "view_confidentialaccess": (
        "Can view confidential address view",
        "Can view confidential address access log",
    ),
    "view_confidential_location": (
        "Can see the address of confidential locations",
        "Can see the street address of confidential locations (every view is logged)",
    ),
}


def rename(apps, schema_editor, forwards=True):
    Permission = apps.get_model("auth", "Permission")
    for codename, (old, new) in NAMES.items():
        if not forwards:
            old, new = new, old
        Permission.objects.using(schema_editor.connection.alias).filter(
            content_type__app_label="directory", codename=codename, name=old
        ).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("directory", "0007_area_covers_all"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="confidentialaccess",
            options={
                "default_permissions": ["view"],
                "ordering": ["-viewed_at", "-id"],
                "verbose_name": "confidential address access log",
                "verbose_name_plural": "confidential address access log",
            },
        ),
        migrations.AlterModelOptions(
            name="location",
            options={
                "ordering": ["organization__name", "name", "city"],
                "permissions": [
                    (
                        "view_confidential_location",
                        "Can see the street address of confidential locations (every view "
                        "is logged)",
                    )
                ],
            },
        ),
        migrations.RunPython(rename, rename_back),
    ]
