"""The read-only OParl 1.1 endpoint at /oparl/v1.1/: the concept's process as council data."""
