"""Every row derived from a section's text (its rendered HTML, `concept.rendering`; its search
data, `concept.search_index`), written in one call by whatever writes sections: the services,
the loader, the benchmarks' bulk data. Rows left behind by a `bulk_create` elsewhere are filled
when read; `render_sections` and `rebuild_search_index` write them all anew."""

from django.db.models import QuerySet

from concept.models import Section
from concept.rendering import sections_render
from concept.search_index import sections_search_refresh


def sections_derive(sections: QuerySet[Section]) -> None:
    sections_search_refresh(sections)
    sections_render(sections)
