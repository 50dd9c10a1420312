"""Errors a user sees as one line: what went wrong and where."""

from __future__ import annotations


class NewsKGError(Exception):
    """A problem with the user's input or setup, printed as one line without a traceback."""


class InputError(NewsKGError):
    """An input file that cannot be read as an article."""

    def __init__(self, path: str, problem: str, line: int | None = None):
        self.path, self.problem, self.line = path, problem, line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class ModelMissing(NewsKGError):
    pass


class QueryError(NewsKGError):
    pass
