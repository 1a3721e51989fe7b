from django.urls import path

from curation.views import desk, gaps, provider, reports, updates

app_name = "curation"

urlpatterns = [
    path("", desk.desk, name="desk"),
    path("reports/", reports.report_queue, name="reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/mine/", reports.my_reports, name="my_reports"),
    path("services/<uuid:pk>/report/", reports.report_problem, name="report_problem"),
    path("updates/", updates.update_list, name="updates"),
    path("updates/new/", updates.request_update, name="request_update"),
    path("updates/<int:pk>/", updates.update_detail, name="update"),
    path("provider/<str:token>/", provider.provider_update, name="provider_update"),
    path("gaps/", gaps.gap_map, name="gap_map"),
    path("gaps.csv", gaps.gap_map_csv, name="gap_map_csv"),
]
