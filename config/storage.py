"""Static files in production: WhiteNoise's compressed files with hashed names, each file's
URL worked out once per process.

Every page names its CSS and scripts through `{% static %}`, and finding a hashed name in
the manifest costs more than the rest of the tag. The manifest does not change while the
server runs (`collectstatic` runs before it starts, config/wsgi.py), so a name's URL is kept
once found. A name the manifest lacks still fails every time, as before.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        url = self.known_urls.get(name)
        if url is None:
            url = self.known_urls[name] = super().url(name)
        return url
