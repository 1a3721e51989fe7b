from django.views.generic import TemplateView


class ServiceListView(TemplateView):
    template_name = "directory/index.html"


def home(request):
    pass


def service_detail(request, pk):
    pass


def organization_detail(request, pk):
    pass
