"""English as a German city writes it: day before month, a 24-hour clock (no "a.m.", so no
sentence ends in "a.m.."), the week from Monday. Dates and times on the English pages come
from here through Django's localisation; what is not set here is Django's English."""

DATE_FORMAT = "j F Y"  # 7 April 2011
TIME_FORMAT = "H:i"  # 18:00
DATETIME_FORMAT = "j F Y, H:i"  # 7 April 2011, 18:00
YEAR_MONTH_FORMAT = "F Y"  # April 2011
MONTH_DAY_FORMAT = "j F"  # 7 April
SHORT_DATE_FORMAT = "d/m/Y"  # 07/04/2011
SHORT_DATETIME_FORMAT = "d/m/Y, H:i"  # 07/04/2011, 18:00
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO first: date fields render their value in the first format, which a browser's date input
# reads; then the day-first forms people type here (never the American month-first one).
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2011-04-07
    "%d/%m/%Y",  # 07/04/2011
    "%d/%m/%y",  # 07/04/11
    "%d.%m.%Y",  # 07.04.2011
    "%d %B %Y",  # 7 April 2011
    "%d %b %Y",  # 7 Apr 2011
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # 2011-04-07 18:00:59
    "%Y-%m-%d %H:%M:%S.%f",  # 2011-04-07 18:00:59.000200
    "%Y-%m-%d %H:%M",  # 2011-04-07 18:00
    "%d/%m/%Y %H:%M:%S",  # 07/04/2011 18:00:59
    "%d/%m/%Y %H:%M",  # 07/04/2011 18:00
    "%d.%m.%Y %H:%M:%S",  # 07.04.2011 18:00:59
    "%d.%m.%Y %H:%M",  # 07.04.2011 18:00
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # 18:00:59
    "%H:%M:%S.%f",  # 18:00:59.000200
    "%H:%M",  # 18:00
]

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
