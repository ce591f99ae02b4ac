"""Small helpers to read and write NetSuite record XML with lxml."""

from dataclasses import dataclass

from lxml import etree

from .namespaces import XSI


@dataclass(frozen=True)
class Ref:
    """A RecordRef as sent: ``internalId`` and/or ``externalId`` (and the optional ``type``)."""

    internal_id: str | None
    external_id: str | None
    type: str | None = None

    @property
    def key(self):
        return self.internal_id if self.internal_id is not None else self.external_id


def local(element) -> str:
    return etree.QName(element).localname


def xsi_type(element) -> tuple[str | None, str | None]:
    """``(namespace, local name)`` of ``xsi:type``, resolved against the in-scope prefixes."""
    value = element.get(f"{{{XSI}}}type")
    if not value:
        return None, None
    prefix, _, name = value.rpartition(":")
    return element.nsmap.get(prefix or None), name


def children(element) -> dict:
    """Child elements by local name (the last one wins; NetSuite fields are not repeated)."""
    return {local(child): child for child in element if isinstance(child.tag, str)}


def text(element, name, default=None):
    child = children(element).get(name) if element is not None else None
    if child is None or child.text is None:
        return default
    return child.text.strip()


def ref(element) -> Ref | None:
    if element is None:
        return None
    return Ref(element.get("internalId"), element.get("externalId"), element.get("type"))


class Writer:
    """Builds elements in one version's namespaces: ``w.el("listAcct", "name", "Euro")``."""

    def __init__(self, nsmap):
        self.ns = nsmap

    def tag(self, prefix, name):
        return f"{{{self.ns[prefix]}}}{name}"

    def el(self, prefix, name, value=None, parent=None, **attrs):
        attrib = {k: v for k, v in attrs.items() if v is not None}
        if parent is None:
            node = etree.Element(self.tag(prefix, name), attrib, nsmap=self.ns)
        else:
            node = etree.SubElement(parent, self.tag(prefix, name), attrib)
        if value is not None:
            node.text = _lexical(value)
        return node

    def fields(self, prefix, parent, *pairs):
        """Simple fields ``(name, value)`` in the given order; None values are left out."""
        for name, value in pairs:
            if value is not None:
                self.el(prefix, name, value, parent=parent)

    def record(self, tag_prefix, tag_name, type_prefix, type_name, parent=None, **attrs):
        node = self.el(tag_prefix, tag_name, parent=parent, **attrs)
        node.set(f"{{{XSI}}}type", f"{type_prefix}:{type_name}")
        return node

    def ref(self, prefix, name, parent, internal_id, type_, label=None, external_id=None):
        node = self.el(
            prefix, name, parent=parent, internalId=internal_id, externalId=external_id, type=type_
        )
        if label is not None:
            self.el("platformCore", "name", label, parent=node)
        return node


def _lexical(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
