"""The survivor-informed language check: stigmatizing terms from the curators' list with
suggested wording, text above the reading level, shown when a curator saves (never a
block), and listed for the curator's desk."""

import pytest

from directory.language_check import Checker, flagged_services, reading_grade
from directory.models import FlaggedTerm, Service
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db

PLAIN = (
    "We give youth a safe bed for the night. You can eat with us and talk to a case "
    "worker. We help you plan what to do next. Call us at any hour and we will pick up."
)
HARD = (
    "Comprehensive individualized psychoeducational interventions notwithstanding "
    "jurisdictional heterogeneity necessitate interdisciplinary collaboration among "
    "multidisciplinary practitioners, facilitating trauma-informed organizational "
    "transformation and institutionalization of evidence-based therapeutic methodologies "
    "throughout administrative infrastructures. Consequently, prospective beneficiaries "
    "encounter considerable procedural complexity."
)


def test_the_seeded_terms_are_flagged_as_whole_words_in_any_case_with_a_suggestion():
    checker = Checker()

    flags = checker.service({"description": "Help for a Child  Prostitute or sex slave."})

    assert [(f.found, f.suggestion) for f in flags] == [
        ("Child  Prostitute", "child who has been trafficked; youth survivor"),
        ("sex slave", "survivor of sex trafficking"),
    ]
    assert checker.service({"description": "We serve pimpernel growers."}) == []


def test_curators_add_terms_in_the_admin(curator_client):
    response = curator_client.post(
        "/admin/directory/flaggedterm/add/",
        {"term": "runaway", "suggestion": "youth experiencing homelessness"},
    )
    assert response.status_code == 302

    flags = Checker().service({"eligibility_description": "Any runaway aged 12-17."})
    assert [str(flag) for flag in flags] == [
        "eligibility: “runaway”; try “youth experiencing homelessness”."
    ]


def test_hard_text_is_flagged_for_description_and_how_to_refer_only(settings):
    settings.READING_GRADE_LIMIT = 8
    assert reading_grade(PLAIN) <= 8
    assert reading_grade(HARD) > 8
    assert reading_grade("Too short to grade.") is None

    flags = Checker().service(
        {"description": HARD, "application_process": PLAIN, "eligibility_description": HARD}
    )

    assert [(flag.field, flag.kind) for flag in flags] == [("description", "reading")]


def test_saving_a_flagged_service_warns_the_curator_and_saves(curator_client):
    service = make_service("Shelter", organization=make_organization("Harbor"))
    url = f"/admin/directory/service/{service.pk}/change/"
    context = curator_client.get(url).context
    form = context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        organization=service.organization_id,
        name="Shelter",
        description="Beds for any teen prostitute.",
        **{
            f"{inline.formset.prefix}-{k}": v
            for inline in context["inline_admin_formsets"]
            for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()
        },
    )
    data.pop("assured_date", None)

    response = curator_client.post(url, data, follow=True)

    page = response.content.decode()
    assert "The language check suggests a look at" in page
    assert "“teen prostitute”; try “youth who has been trafficked" in page
    assert Service.objects.get(pk=service.pk).description == "Beds for any teen prostitute."


def test_saving_a_flagged_organization_warns_the_curator(curator_client):
    response = curator_client.post(
        "/admin/directory/organization/add/",
        {
            "name": "Sex Slave Rescue",
            "services-TOTAL_FORMS": 0,
            "services-INITIAL_FORMS": 0,
            "locations-TOTAL_FORMS": 0,
            "locations-INITIAL_FORMS": 0,
        },
        follow=True,
    )

    assert "“Sex Slave”; try “survivor of sex trafficking”" in response.content.decode()


def test_the_curators_desk_lists_the_flagged_services():
    make_service("Clean", description=PLAIN)
    make_service("Flagged", application_process="Refer any prostituted youth.")
    FlaggedTerm.objects.create(term="street kid", suggestion="youth")
    make_service("Also flagged", description="For any street kid.")

    listed = flagged_services()

    assert [(service.name, len(flags)) for service, flags in listed] == [
        ("Also flagged", 1),
        ("Flagged", 1),
    ]
