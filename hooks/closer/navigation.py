"""Put generated pages into the site's navigation, in the sections mkdocs.yml names for them."""

from .errors import DataError


def place(nav: list, entries: list[tuple[str, str, str | None]]) -> list:
    """Return a copy of `nav` with each (section, path, title) entry added to its section.

    A title of None makes the page its section's index (first, untitled, as navigation.indexes
    wants); other pages follow the section's hand-written entries, in the order given.
    """
    nav = _copy(nav)
    for section, path, title in entries:
        children = _find(nav, section)
        if children is None:
            raise DataError(
                "mkdocs.yml",
                None,
                "nav",
                f"no section '{section}' for the generated page {path}; "
                f"expected an entry like `- {section}: []` where it should go",
            )
        if title is None:
            children.insert(0, path)
        else:
            children.append({title: path})
    return nav


def _find(items: list, section: str) -> list | None:
    """Find a section's list of children by its title, at any depth."""
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    if title == section:
                        return value
                    found = _find(value, section)
                    if found is not None:
                        return found
    return None


def _copy(items: list) -> list:
    """Copy a nav tree deeply enough that adding entries leaves the original alone."""
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append({k: _copy(v) if isinstance(v, list) else v for k, v in item.items()})
        else:
            out.append(item)
    return out
