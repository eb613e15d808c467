"""Registries that apps above the base layer fill in their ``AppConfig.ready()``.

``clinic`` never imports blog, treatments or comments: a feature that spans apps (search,
sitemaps, advertising-rules texts, personal data, admin inbox counts, demo content, home
page sections, what a practitioner wrote or performs) reads one of these registries, the
way Django's admin site is filled by each app's ``admin.py``. Adding an app never edits
``clinic/``.
"""


class Registry:
    """An ordered mapping of key to contribution, filled once at start-up.

    Registering the same key twice replaces the earlier entry, so ``ready()`` may run
    more than once (as it does in some test set-ups) without duplicates. ``order`` sorts
    entries where several apps contribute to one list (lower first, then key).
    """

    def __init__(self, name):
        self.name = name
        self._entries = {}

    def register(self, key, value, *, order=100):
        self._entries[key] = (order, value)
        return value

    def unregister(self, key):
        self._entries.pop(key, None)

    def __getitem__(self, key):
        return self._entries[key][1]

    def __contains__(self, key):
        return key in self._entries

    def __len__(self):
        return len(self._entries)

    def items(self):
        """(key, value) pairs in ``order``, then key."""
        ordered = sorted(self._entries.items(), key=lambda entry: (entry[1][0], str(entry[0])))
        return [(key, value) for key, (_order, value) in ordered]

    def values(self):
        return [value for _key, value in self.items()]

    def __iter__(self):
        return iter(self.values())

    def __repr__(self):
        return f"<Registry {self.name}: {', '.join(str(key) for key, _ in self.items())}>"


#: name -> django.contrib.sitemaps.Sitemap subclass; read by the root URLconf's sitemap.xml.
sitemaps = Registry("sitemaps")

#: name -> search source (see clinic/search.py for the protocol); read by /search/.
search_sources = Registry("search sources")

#: model class -> callable(instance) returning (field label, text or HTML) pairs that
#: patients read; the advertising-rules checker and its dashboard read these.
compliance_texts = Registry("advertising-rules texts")

#: name -> personal-data provider (see clinic/personal_data.py for the protocol): finds,
#: exports and erases what is stored about one email address.
personal_data_providers = Registry("personal-data providers")

#: name -> callable(user) returning (label, count, changelist URL) or None; shown on the
#: admin index as work waiting for that user.
admin_inbox = Registry("admin inbox counts")

#: app label -> callable() that loads (or refreshes) that app's demo content; ``order``
#: runs apps after those their content refers to.
demo_content = Registry("demo content")

#: name -> callable(request) returning (template name, context dict) or None; the home
#: page renders each in ``order``.
home_sections = Registry("home page sections")

#: name -> callable(practitioner) returning (template name, context dict) or None; the
#: practitioner's profile page renders each in ``order`` (their articles, treatments).
practitioner_sections = Registry("practitioner profile sections")

#: name -> callable() returning (slug, name) pairs a patient may choose as the treatment of
#: interest on the consultation form; the chosen name is stored on the enquiry as text.
enquiry_topics = Registry("enquiry topics")

#: name -> callable(path, query) returning this site's address for an old address of a site
#: it replaced (e.g. WordPress's ``/?cat=3`` or ``/2023/05/``), or None; ``query`` is a list
#: of (name, value) pairs without tracking parameters. The 404 fallback asks each in ``order``.
legacy_address_resolvers = Registry("legacy address resolvers")

#: name -> clinic.purge.PurgeStep: personal data deleted after a set period; the ``purge``
#: command runs each step and the privacy notice lists them, so the two always agree.
purge_steps = Registry("purge steps")
