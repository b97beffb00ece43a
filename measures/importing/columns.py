"""What an import file may hold: its size, its sheets and its columns, named as the officer's
spreadsheet names them."""

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000
ALLOWED_SUFFIXES = (".csv", ".xlsx")

MEASURES_SHEET = "Maßnahmen"
RECOMMENDATIONS_SHEET = "Empfehlungen"

NUMBER = "Nummer"
TITLE = "Titel"
DESCRIPTION = "Beschreibung"
WORKING_GROUP = "Arbeitsgruppe"
GOAL = "Ziel"
LEAD = "Federführung"
PARTNERS = "Partner"
TARGET_GROUPS = "Zielgruppen"
TIMEFRAME = "Zeitraum"
PRIORITY = "Priorität"
RECOMMENDATIONS = "Empfehlungen"
CODE = "Kennung"
TEXT = "Text"

MEASURE_COLUMNS = (
    NUMBER,
    TITLE,
    DESCRIPTION,
    WORKING_GROUP,
    GOAL,
    LEAD,
    PARTNERS,
    TARGET_GROUPS,
    TIMEFRAME,
    PRIORITY,
    RECOMMENDATIONS,
)
MEASURE_REQUIRED = (NUMBER, TITLE, WORKING_GROUP, TIMEFRAME, PRIORITY)
# Present in exports, never imported: the status has one source of truth, the progress updates.
MEASURE_IGNORED = ("Status", "Umsetzungsstand")
RECOMMENDATION_COLUMNS = (CODE, TITLE, TEXT)

# Model field -> column, to place the model's own validation errors.
MEASURE_FIELD_COLUMNS = {
    "number": NUMBER,
    "title": TITLE,
    "description": DESCRIPTION,
    "working_group": WORKING_GROUP,
    "goal": GOAL,
    "lead_organisation": LEAD,
    "timeframe": TIMEFRAME,
    "priority": PRIORITY,
}
RECOMMENDATION_FIELD_COLUMNS = {"code": CODE, "title": TITLE, "text": TEXT}
# Relations are resolved to objects of this concept; checking them again would cost a query each.
FK_FIELDS = ["concept", "working_group", "goal", "lead_organisation", "origin_session"]
