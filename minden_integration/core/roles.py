"""The names of the roles (Django groups), in one place for every app:
`minden_integration.roles` gives them their permissions, `workgroups` makes members."""

OFFICER = "Integrationsbeauftragte"
CLERK = "Ratsbüro"
MEMBER = "Arbeitsgruppe"
# Portal accounts (never staff) that translate the concept on pages of their own under /konto/.
TRANSLATOR = "Übersetzung"

# Data protection, the officer's alone (never the clerks'): reporting what the portal holds about
# a person (Art. 15 DSGVO) and reading the register of processing activities (Art. 30 DSGVO).
# Declared on the consent records' model; `roles_ensure` grants them to the officer.
PERMISSION_REPORT = "dsgvo_report"
PERMISSION_REGISTER = "dsgvo_register"
