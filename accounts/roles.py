"""Who may do what: the three roles, defined here and kept in step with the database.

A role is a Group with permissions. Migration 0005 creates the groups, and a post_migrate
receiver (AccountsConfig.ready) syncs them again after every `migrate`, so a permission that
a later migration adds (a new model, HSDS import and export, the fact sheet mapping) reaches
the Curator role without a data migration of its own. The code is the source of truth: a
permission added to a role's group by hand is removed at the next migrate. Grant an extra
permission to one person through their own user permissions instead.
"""

from django.apps import apps as global_apps
from django.db.models import Q

CASE_WORKER = "Case worker"
COURT_STAFF = "Court staff"
CURATOR = "Curator"
ROLES = [CASE_WORKER, COURT_STAFF, CURATOR]

# Shows a confidential location's street address (directory.confidential). No role includes it:
# a superuser grants it to a named case worker in the admin, under "User permissions".
VIEW_CONFIDENTIAL = "directory.view_confidential_location"

# Case workers search the directory and read service pages; court staff read the directory
# and the (public) reference pages. Both only read. The directory pages require view_service.
READ_DIRECTORY = [
    "directory.view_category",
    "directory.view_language",
    "directory.view_legalremedy",
    "directory.view_location",
    "directory.view_organization",
    "directory.view_populationtag",
    "directory.view_service",
    "directory.view_servicearea",
    "directory.view_serviceatlocation",
]

# Whoever reads the directory may report a problem with a listing (curation.ProblemReport).
REPORT_PROBLEMS = ["curation.add_problemreport", "curation.view_problemreport"]
# Court staff, and curators, see where services are missing (curation's gap map).
VIEW_GAP_MAP = "curation.view_gap_map"
# Case workers build referral lists, share them and follow their referrals up (referrals/).
# Curators can too (they hold every permission of the referrals app, below); court staff only
# read. The pages check BUILD_REFERRAL_LISTS alone; the others keep the admin's view in step.
BUILD_REFERRAL_LISTS = "referrals.add_referrallist"
REFER = [
    BUILD_REFERRAL_LISTS,
    "referrals.change_referrallist",
    "referrals.view_referrallist",
    "referrals.add_referral",
    "referrals.change_referral",
    "referrals.view_referral",
]

# Curators get every permission of these apps, whenever it was added (HSDS import and export
# are in "hsds"), except VIEW_CONFIDENTIAL, the read-only history, and API tokens, which
# superusers issue.
CURATED_APPS = ["directory", "hsds", "factsheet", "curation", "referrals"]
NOT_CURATED_MODELS = [("hsds", "apitoken")]


def role_permissions(Permission):
    """{role name: queryset of the permissions it holds}."""

    def named(perms):
        query = Q(pk__in=[])
        for perm in perms:
            app_label, codename = perm.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
        return Permission.objects.filter(query)

    confidential_app, confidential_codename = VIEW_CONFIDENTIAL.split(".")
    not_curated = Q(pk__in=[])
    for app_label, model in NOT_CURATED_MODELS:
        not_curated |= Q(content_type__app_label=app_label, content_type__model=model)
    return {
        CASE_WORKER: named(READ_DIRECTORY + REPORT_PROBLEMS + REFER),
        COURT_STAFF: named(READ_DIRECTORY + REPORT_PROBLEMS + [VIEW_GAP_MAP]),
        CURATOR: Permission.objects.filter(content_type__app_label__in=CURATED_APPS)
        .exclude(content_type__app_label=confidential_app, codename=confidential_codename)
        .exclude(codename__regex=r"^(add|change|delete)_historical")
        .exclude(not_curated),
    }


def sync_roles(apps=global_apps, using="default"):
    """Create the role groups and give each exactly the permissions defined above."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in role_permissions(Permission).items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions.using(using))


def sync_roles_after_migrate(sender, app_config, using, apps=global_apps, **kwargs):
    # post_migrate is sent once per app, in INSTALLED_APPS order, and each app's permissions
    # are created by its own signal. Sync once, after the last app has its permissions.
    last = [config for config in global_apps.get_app_configs() if config.models_module][-1]
    if app_config.label == last.label:
        sync_roles(apps, using)


def can_curate(user):
    """Curators, and staff, open the admin and see drafts and inactive services in the directory.

    Holding the Curator role is enough: nobody has to remember to tick "staff status" too.
    """
    return user.is_active and (user.is_staff or user.has_perm("directory.change_service"))
