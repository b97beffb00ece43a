"""The names of the three roles (Django groups), in one place for every app:
`minden_integration.roles` gives them their permissions, `workgroups` makes members."""

OFFICER = "Integrationsbeauftragte"
CLERK = "Ratsbüro"
MEMBER = "Arbeitsgruppe"
