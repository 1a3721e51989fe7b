"""The admin pages behind ImportRunAdmin: upload, report, confirm, export download.

An upload is streamed to settings.HSDS_UPLOAD_DIR chunk by chunk, then a dry run is queued
for the worker (tasks.start) and the report page refreshes itself until it is done. The
curator reads the report and confirms (the import is then queued too) or discards it. No
request waits for the import, so a large package never times out. What happens to the
uploaded file is in runs.py.
"""

import tempfile
import uuid
from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from directory.confidential import show_import_comparison
from hsds import runs, tasks
from hsds.exporter import export_to_zip
from hsds.fields import column_limit
from hsds.models import ImportRun
from hsds.report import CONFIDENTIAL_TITLE, LANGUAGE_TITLE, OUTCOMES, Report

__all__ = ["OUTCOMES", "confirm", "discard", "export_download", "report", "upload"]
ACCEPTED = (".zip", ".json")


class UploadForm(forms.Form):
    package = forms.FileField(
        label=_("Package"),
        help_text=_(
            "A .zip of an HSDS 3.0 tabular data package (datapackage.json and CSV "
            "files), or an HSDS JSON file: one service, a list, or a paged response."
        ),
    )
    skip_invalid = forms.BooleanField(
        required=False,
        label=_("Skip invalid records"),
        help_text=_(
            "Import the valid records and list the ones with errors. Without it, one "
            "bad record stops the whole import."
        ),
    )
    overwrite = forms.BooleanField(
        required=False,
        label=_("Overwrite hand edits"),
        help_text=_(
            "Replace what curators changed here since the last import, where the "
            "package changed it too."
        ),
    )
    as_draft = forms.BooleanField(
        required=False,
        label=_("Import new services as drafts"),
        help_text=_("Otherwise a new service whose terms map to categories is published."),
    )

    def clean_package(self):
        package = self.cleaned_data["package"]
        if not package.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError("Upload a .zip or a .json file.")
        return package


def upload(request, context):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        runs.discard_unconfirmed()
        run_id = uuid.uuid4()
        upload = form.cleaned_data["package"]
        target = runs.store_upload(upload, run_id)
        run = ImportRun.objects.create(
            id=run_id,
            user=request.user,
            source=Path(upload.name).name[: column_limit(ImportRun, "source")],
            file_path=str(target),
            dry_run=True,
            skip_invalid=form.cleaned_data["skip_invalid"],
            overwrite=form.cleaned_data["overwrite"],
            as_draft=form.cleaned_data["as_draft"],
        )
        tasks.start(run)
        return redirect("admin:hsds_importrun_report", run.pk)
    return TemplateResponse(request, "admin/hsds/importrun/upload.html", {**context, "form": form})


def report(request, pk, context):
    run = get_object_or_404(ImportRun, pk=pk)
    data = Report.from_dict(run.report) if run.report else None
    # The comparison of confidential addresses, if the run made one: only for a viewer who
    # may see them, and logged.
    compared = show_import_comparison(
        request.user, data.compared_locations() if data else [], request=request
    )
    confirmable = (
        run.dry_run
        and run.status == ImportRun.Status.CHECKED
        and Path(run.file_path).is_file()
        and request.user.has_perm("hsds.import_hsds")
    )
    return TemplateResponse(
        request,
        "admin/hsds/importrun/report.html",
        {
            **context,
            "title": str(run),
            "created_at": timezone.localtime(run.created_at),
            "run": run,
            "report": data,
            "count_rows": data.count_rows() if data else [],
            "errors_note": data.shown_note("error") if data else "",
            "warnings_note": data.shown_note("warning") if data else "",
            "confirmable": confirmable,
            # A curator may stop the page reloading itself while the run works (WCAG 2.2.1).
            "refresh": request.GET.get("refresh") != "off",
            "followed_by": run.confirmed_by.first(),
            "unmapped": sorted(data.unmapped_terms.items()) if data else [],
            "confidential_title": CONFIDENTIAL_TITLE,
            "language_title": LANGUAGE_TITLE,
            "confidential": data.confidential_lines(compared) if data else [],
        },
    )


@require_POST
def confirm(request, pk):
    checked = get_object_or_404(ImportRun, pk=pk, dry_run=True)
    waiting = ImportRun.objects.filter(pk=checked.pk, status=ImportRun.Status.CHECKED)
    # The update claims the dry run, so that two clicks start one import.
    if not Path(checked.file_path).is_file() or not waiting.update(
        status=ImportRun.Status.CONFIRMED
    ):
        messages.error(request, gettext("This dry run cannot be confirmed (again)."))
        return redirect("admin:hsds_importrun_report", checked.pk)
    run = ImportRun.objects.create(
        user=request.user,
        source=checked.source,
        file_path=checked.file_path,
        skip_invalid=checked.skip_invalid,
        overwrite=checked.overwrite,
        as_draft=checked.as_draft,
        confirms=checked,
    )
    tasks.start(run)
    return redirect("admin:hsds_importrun_report", run.pk)


@require_POST
def discard(request, pk):
    run = get_object_or_404(ImportRun, pk=pk, dry_run=True)
    reason = gettext("Discarded by %(user)s: the upload was removed.") % {"user": request.user}
    if runs.discard(run, reason):
        messages.success(
            request,
            gettext("%(source)s was discarded and its upload removed.") % {"source": run.source},
        )
    else:
        messages.error(
            request, gettext("Only a dry run waiting for confirmation can be discarded.")
        )
    return redirect("admin:hsds_importrun_report", run.pk)


def export_download(request):
    # FileResponse closes it once sent.
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115
    export_to_zip(spool, folder_name="hsds")
    spool.seek(0)
    name = f"off-ramps-hsds-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(spool, as_attachment=True, filename=name, content_type="application/zip")
