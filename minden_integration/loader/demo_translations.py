"""The demo's languages and its one example translation: Turkish for the first sections of
version 1, labelled as example content (the rows' `is_example`; the page shows the badge)."""

from __future__ import annotations

from concept.models import (
    Concept,
    ContentLanguage,
    SectionTranslation,
    section_source,
    source_digest,
)
from measures.models import Measure, MeasureTranslation, measure_source
from minden_integration.loader.demo_calendar import DemoCalendar
from minden_integration.loader.demo_timestamps import stamp

# The languages of Minden's larger communities, and English (codes as Django knows them).
LANGUAGES = ("tr", "ar", "ru", "uk", "en")

TURKISH_V1 = {
    "einleitung": {
        "title": "Giriş",
        "body": (
            "> **Örnek içerik: portalı tanıtmak için uydurulmuş bir metindir, gerçek Minden "
            "uyum konseptinin içeriği değildir.**\n\n"
            "Bu örnek, bir uyum konseptinin portalda nasıl okunduğunu, yorumlandığını ve "
            "güncellendiğini gösterir. Yapı ve süreçler Minden'deki usule uygundur; metinler "
            "uydurmadır."
        ),
        "easy_language_summary": (
            "Bu bir örnek metindir. Uydurulmuştur. "
            "Uyum konseptinin internette nasıl göründüğünü gösterir."
        ),
    },
    "anlass-und-ziel": {
        "title": "Konseptin gerekçesi ve amacı",
        "body": (
            "Konsept, **yeni hizmetlere olan ihtiyacı** belirlemeli, uyum sürecindeki mevcut "
            "hizmetleri **koordine etmeli** ve onları **daha şeffaf** hale getirmelidir.\n\n"
            "Konsept tamamlanmış bir belge değildir: Kabul edildikten sonra da ilgililerin "
            "diyaloğu içinde geliştirilmeye devam eder."
        ),
        "easy_language_summary": (
            "Konsept şunu göstermeli: Hangi hizmetler zaten var? Hangi hizmetler hâlâ eksik? "
            "Konsept sürekli iyileştirilir."
        ),
    },
    "beteiligungsprozess": {
        "title": "Katılım süreci",
        "body": (
            "Birinci Uyum Konferansı üç çalışma grubu oluşturdu; bu gruplar üçer oturumda "
            "hedefler ve önlemler geliştirdi. İkinci Uyum Konferansı'nda ilk taslak sunuldu.\n\n"
            "- *Eğitim ve Yetiştirme* çalışma grubu\n"
            "- *Çalışma ve Sosyal İşler* çalışma grubu\n"
            "- *Diyalog ve Toplumsal Katılım* çalışma grubu"
        ),
        "easy_language_summary": "",
    },
}


# Measure 1 (goal B1), as `demo_measures` and `demo_data.measure_description` write it.
TURKISH_MEASURE_1 = {
    "title": "Örnek: Kreşlerde dil desteğini genişletmek",
    "description": (
        "Örnek içerik: portalı tanıtmak için uydurulmuş bir metindir, gerçek Minden uyum "
        "konseptinin içeriği değildir.\n\n"
        "Bu uydurma önlem, B1 „Dil becerisini en baştan desteklemek“ örnek hedefine aittir. "
        "Bir önlemin sorumlu kurum, ortaklar, hedef gruplar, zaman çerçevesi ve uygulama "
        "durumuyla nasıl gösterildiğini gösterir. Çalışma gruplarının 99 gerçek önlemi "
        "yayımlanmamıştır."
    ),
}


def demo_languages_load(*, concept: Concept) -> None:
    for position, code in enumerate(LANGUAGES, start=1):
        ContentLanguage.objects.get_or_create(
            concept=concept, code=code, defaults={"position": position}
        )


# Days before the load: a volunteer translated in the evenings, after the council's decision.
TRANSLATED_SPAN = (200, 120)


def demo_translations_load(*, concept: Concept, calendar: DemoCalendar) -> None:
    """Made from version 1's German as it stands: the example is up to date. Created once, on
    the demo's timeline; a later load leaves them as they are."""
    version = concept.versions.filter(number=1, is_example=True).first()
    if version is None:
        return
    for section in version.sections.filter(key__in=TURKISH_V1):
        source = section_source(section)
        row, created = SectionTranslation.objects.get_or_create(
            section=section,
            language="tr",
            defaults={
                **TURKISH_V1[section.key],
                "source_text": source,
                "source_digest": source_digest(source),
                "is_example": True,
            },
        )
        if created:
            stamp(row, calendar.evening(TRANSLATED_SPAN, "translation", row.language, row.pk))
    measure = Measure.objects.filter(concept=concept, number=1, is_example=True).first()
    if measure is not None:
        source = measure_source(measure)
        row, created = MeasureTranslation.objects.get_or_create(
            measure=measure,
            language="tr",
            defaults={
                **TURKISH_MEASURE_1,
                "source_text": source,
                "source_digest": source_digest(source),
                "is_example": True,
            },
        )
        if created:
            stamp(row, calendar.evening(TRANSLATED_SPAN, "translation", row.language, row.pk))
