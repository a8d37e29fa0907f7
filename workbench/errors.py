"""Errors the user can act on. Faces print them as one `error:` line."""


class WorkbenchError(Exception):
    """A problem with the user's input or data, reported without a traceback."""


class NotFound(WorkbenchError):
    """A named thing (claim, session, article) does not exist."""


class Busy(WorkbenchError):
    """Another process kept the database locked for writing past the busy timeout (a
    large import, say): nothing was saved, and trying again later will do."""
