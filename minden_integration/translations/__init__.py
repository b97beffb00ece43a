"""The translators' pages under /konto/uebersetzungen/: which sections of which public version
are translated, out of date or missing, and a form per section with the German beside it.

Only accounts in the group `Übersetzung` get here (never staff): anyone else logged in gets a
403, a visitor the login. Writes go through `concept.services`.
"""
