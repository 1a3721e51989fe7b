"""Change history for the directory's models."""

from simple_history.models import HistoricalRecords as BaseHistoricalRecords


class HistoricalRecords(BaseHistoricalRecords):
    """django-simple-history's HistoricalRecords, keeping each historical model
    (HistoricalService, ...) in directory.models, beside the model it tracks.

    For a model defined in a package's submodule, django-simple-history names the module of
    its historical model after the app ("directory"), where nothing can import it from, and
    `manage.py shell` warns about each one.
    """

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        self.module = __package__  # directory.models
