from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from curation.forms import ProblemReportForm, ResolveReportForm
from curation.models import ProblemReport
from curation.views import curators_only
from directory.models import Service

can_report = permission_required("curation.add_problemreport", raise_exception=True)


@can_report
def report_problem(request, pk):
    service = get_object_or_404(
        Service.objects.visible_to(request.user).select_related("organization"), pk=pk
    )
    form = ProblemReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.service = service
        report.reported_by = request.user
        report.save()
        messages.success(
            request, _("Thank you. A curator will check the listing; see the outcome here.")
        )
        return redirect("curation:my_reports")
    return render(request, "curation/report_form.html", {"form": form, "service": service})


@can_report
def my_reports(request):
    reports = (
        ProblemReport.objects.filter(reported_by=request.user)
        .select_related("service__organization")
        .order_by("-reported_at", "-pk")
    )
    return render(request, "curation/my_reports.html", {"reports": reports})


@curators_only
def report_queue(request):
    status = request.GET.get("status", ProblemReport.Status.OPEN)
    if status not in ProblemReport.Status.values:
        status = ProblemReport.Status.OPEN
    reports = (
        ProblemReport.objects.filter(status=status)
        .select_related("service__organization", "reported_by")
        .order_by("reported_at", "pk")
    )
    return render(
        request,
        "curation/report_queue.html",
        {"reports": reports, "status": status, "statuses": ProblemReport.Status.choices},
    )


@curators_only
def report_detail(request, pk):
    """The report beside the listing it is about: fix the listing, or dismiss the report."""
    report = get_object_or_404(
        ProblemReport.objects.select_related("service__organization", "reported_by", "resolved_by"),
        pk=pk,
    )
    form = ResolveReportForm(request.POST or None)
    if request.method == "POST" and report.status == ProblemReport.Status.OPEN and form.is_valid():
        with transaction.atomic():
            # Only an open report is closed, once, whoever else is looking at it.
            closed = ProblemReport.objects.filter(pk=report.pk, status="open").update(
                status=form.cleaned_data["outcome"],
                resolution=form.cleaned_data["resolution"].strip(),
                resolved_by=request.user,
                resolved_at=timezone.now(),
            )
        if closed:
            messages.success(request, _("The report is closed; the reporter can see the outcome."))
        else:
            messages.warning(request, _("Someone else closed this report first."))
        return redirect("curation:reports")
    service = report.service
    return render(
        request,
        "curation/report_detail.html",
        {
            "report": report,
            "service": service,
            "form": form,
            "other_open": ProblemReport.objects.open()
            .filter(service=service)
            .exclude(pk=report.pk)
            .count(),
        },
    )
