"""The one kind of error the content core raises: a mistake in a data file, named by its place."""


class DataError(Exception):
    """A mistake in a data file, told in one line: file, line, field and what was expected."""

    def __init__(self, file: str, line: int | None, field: str, message: str):
        """Keep the parts so tests can check them, and build the one-line message."""
        self.file, self.line, self.field, self.message = file, line, field, message
        place = f"{file}:{line}" if line else file
        super().__init__(f"{place}: {field}: {message}" if field else f"{place}: {message}")
