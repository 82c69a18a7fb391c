"""Read a YAML file once, keeping both the plain data and the node tree that knows line numbers."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataError

# libyaml's loader when PyYAML was built with it (the wheels are): several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Source:
    """A parsed YAML file: its plain data, its node tree, and the name to show in errors."""

    name: str
    data: object
    root: yaml.Node | None

    def line_of(self, path: tuple) -> int | None:
        """Return the 1-based line of the value at `path` (keys and indexes), or its nearest parent."""
        node, line = self.root, None
        if node is not None:
            line = node.start_mark.line + 1
        for step in path:
            found = _child(node, step)
            if found is None:
                break
            # A field's line is its key's line, even when its value is a list that starts below it.
            marker, node = found
            line = marker.start_mark.line + 1
        return line

    def error(self, path: tuple, message: str) -> DataError:
        """Build a DataError for the value at `path`."""
        return DataError(self.name, self.line_of(path), field_name(path), message)


def field_name(path: tuple) -> str:
    """Spell a data path the way an author reads it: exercises[7].minutes."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _child(node: yaml.Node | None, step: object) -> tuple[yaml.Node, yaml.Node] | None:
    """Return (node that marks the place, child node) for one step of a path, or None."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(step):
                return key, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step], node.value[step]
    return None


def read(path: Path, name: str) -> Source:
    """Parse a YAML file safely; a syntax error or an empty file becomes a one-line DataError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(name, None, "", "file not found") from None
    except UnicodeDecodeError as err:
        raise DataError(name, None, "", f"not UTF-8 text ({err.reason})") from None
    loader = None
    try:
        loader = LOADER(text)
        # One parse: the node tree keeps line numbers, and the data is built from the same tree.
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and mark.line >= len(text.splitlines()):
            mark = err.context_mark  # "got <stream end>": point at what was left open instead
        line = mark.line + 1 if mark else None
        problem = (err.problem or err.context or "invalid YAML").strip()
        raise DataError(name, line, "", f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        raise DataError(
            name, line, "", f"YAML syntax error: character {err.character!r} is not allowed"
        ) from None
    except yaml.YAMLError as err:
        raise DataError(name, None, "", f"YAML error: {' '.join(str(err).split())}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        raise DataError(name, 1, "", "the file is empty; expected the data described in its schema")
    return Source(name, data, root)
