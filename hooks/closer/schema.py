"""Check data against a JSON Schema and say what went wrong in words a content author understands.

Each schema says once what a field holds (its `title`, a noun phrase such as "a title") and its
limits (`maxLength`, `minimum`, ...). The messages here are made from both, so a limit is never
written twice.
"""

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .yamlfile import Source


def load_schema(path: Path) -> dict:
    """Read a JSON Schema file."""
    return json.loads(path.read_text(encoding="utf-8"))


def validate(source: Source, schema: dict) -> None:
    """Raise a DataError for the first problem in the file, in reading order."""
    errors = list(Draft202012Validator(schema).iter_errors(source.data))
    if not errors:
        return
    first = min(errors, key=lambda e: (_error_path(e, source)[0] or 0, len(e.absolute_path)))
    _, path = _error_path(first, source)
    raise source.error(path, explain(first, schema))


def choices(schema: dict, *path: str) -> dict[str, str]:
    """Return a field's allowed values and their labels, in order: {"talk": "Talk", ...}.

    `path` names properties from the top, through list items: ("exercises", "theme").
    """
    node = schema
    for name in path:
        node = resolve(node, schema)
        if node.get("type") == "array":
            node = resolve(node["items"], schema)
        node = node["properties"][name]
    return {option["const"]: option["title"] for option in resolve(node, schema)["oneOf"]}


def resolve(node: dict, root: dict) -> dict:
    """Follow a local "$ref" ("#/$defs/page") to the schema it names."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    if not ref:
        return node
    target = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return target


def _error_path(error: ValidationError, source: Source) -> tuple[int | None, tuple]:
    """Return the line and the field path an error is about (the unknown key itself, if any)."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            path += (extra[0],)
    elif error.validator == "required":
        return source.line_of(path), path + (_missing(error),)
    return source.line_of(path), path


def _missing(error: ValidationError) -> str:
    """Name the first required field that is absent."""
    return next(k for k in error.validator_value if k not in error.instance)


def _consts(schema: dict) -> list | None:
    """Return the allowed values of a list of choices (oneOf consts, or an enum), else None."""
    if "enum" in schema:
        return list(schema["enum"])
    options = schema.get("oneOf")
    if options and all(isinstance(o, dict) and "const" in o for o in options):
        return [o["const"] for o in options]
    return None


def expected(schema: dict, root: dict) -> str:
    """Say in words what a schema accepts: its title, with the numbers from its limits."""
    schema = resolve(schema, root)
    noun = schema.get("title", "a value")
    consts = _consts(schema)
    if consts is not None:
        return "one of: " + ", ".join(str(c) for c in consts)
    kind = schema.get("type")
    if kind == "string" and "pattern" not in schema:
        span = _range(schema.get("minLength"), schema.get("maxLength"))
        return f"{noun}, in {span} characters" if span else noun
    if kind == "integer":
        span = _range(schema.get("minimum"), schema.get("maximum"), "from {} to {}")
        return f"{noun} {span}" if span else noun
    if kind == "array":
        low, high = schema.get("minItems"), schema.get("maxItems")
        if low is not None and low == high:
            return f"exactly {low} {noun}"
        return f"a list of {_range(low, high) or ''} {noun}".replace("  ", " ")
    return noun


def _range(low: int | None, high: int | None, both: str = "{} to {}") -> str | None:
    """Words for a range: '3 to 40', 'at most 90', 'at least 1', or None when there is none."""
    if low is not None and high is not None:
        return both.format(low, high)
    if high is not None:
        return f"at most {high}"
    if low is not None:
        return f"at least {low}"
    return None


def explain(error: ValidationError, root: dict) -> str:
    """Turn a jsonschema error into a short, plain sentence of what was expected."""
    kind, value, schema = error.validator, error.instance, resolve(error.schema, root)
    if kind == "required":
        field = _missing(error)
        wanted = schema.get("properties", {}).get(field)
        return f"missing; expected {expected(wanted, root)}" if wanted else "missing"
    if kind == "additionalProperties":
        allowed = ", ".join(sorted(schema.get("properties", {})))
        return f"unknown field; expected one of: {allowed}"
    if kind == "maxLength":
        return f"too long: {len(value)} characters; expected at most {error.validator_value}"
    if kind == "minLength":
        return f"too short: {len(value)} characters; expected at least {error.validator_value}"
    if kind in ("minItems", "maxItems"):
        return f"expected {expected(schema, root)}, got {len(value)}"
    if kind in ("enum", "oneOf") and _consts(schema) is not None:
        return f"expected {expected(schema, root)}; got {describe(value)}"
    if kind == "pattern":
        return f"expected {schema.get('title', 'a value of the right form')}, got {describe(value)}"
    if kind in ("type", "minimum", "maximum", "const"):
        return f"expected {expected(schema, root)}, got {describe(value)}"
    return error.message


def describe(value: object) -> str:
    """Show a value briefly: short scalars as written, containers by their kind."""
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"
