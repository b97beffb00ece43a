"""The portal layer's own tables (editable pages come with the public portal).

The module exists so that Django sends this app's post_migrate signal, which creates the roles.
"""
