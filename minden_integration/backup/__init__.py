"""Backups of the portal: the database and every file under MEDIA_ROOT in one encrypted archive
(`manage.py backup`), and their restoration (`manage.py restore`), which also erases again
everyone erased after the backup was taken (`minden_integration.accounts.erasures`).

- `crypto`: the encrypted container (authenticated, streamed in chunks);
- `database`: a consistent dump of PostgreSQL or SQLite and its restoration;
- `archive`: what goes into an archive (dump, media, manifest), writing and checking it;
- `restore`: restoring a checked archive, then the erasures and the issued files' hashes.
"""
