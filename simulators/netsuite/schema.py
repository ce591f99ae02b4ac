"""NetSuite's WSDL and XSDs for one version: served to clients and compiled for validation.

Only 2023_2 exists as an official copy (``schema/2023_2``, beside this module). Later versions
differ from it only in the version token (see ``schema/NOTES.md``), so they are *derived* by
rewriting ``_2023_2`` in every namespace and path.
"""

import os
import re
import threading
from functools import cached_property
from pathlib import Path

from lxml import etree

from .namespaces import XSD

OFFICIAL_VERSION = "2023_2"
DERIVED_VERSIONS = ("2024_1", "2024_2", "2025_1", "2025_2")
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/"


def schema_root() -> Path:
    """The schema folder: ``$NETSUITE_SCHEMA_DIR``, else the copy shipped beside this module."""
    configured = os.environ.get("NETSUITE_SCHEMA_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent / "schema"


def supported_versions() -> tuple[str, ...]:
    root = schema_root()
    official = sorted(p.name for p in root.iterdir() if (p / "netsuite.wsdl").is_file())
    derived = [v for v in DERIVED_VERSIONS if OFFICIAL_VERSION in official and v not in official]
    return (*official, *derived)


class _MemoryResolver(etree.Resolver):
    """Resolves every schemaLocation by file name against in-memory XSD texts."""

    def __init__(self, files):
        super().__init__()
        self._files = files

    def resolve(self, url, pubid, context):
        name = url.rstrip("/").rsplit("/", 1)[-1]
        if name in self._files:
            return self.resolve_string(self._files[name], context, base_url=f"sim:///xsd/{name}")
        return None


class SchemaSet:
    """WSDL and XSD texts of one version, and the compiled validator (built once, on first use)."""

    def __init__(self, version: str):
        self.version = version
        self.derived = False
        folder = schema_root() / version
        if not (folder / "netsuite.wsdl").is_file():
            if version not in DERIVED_VERSIONS:
                raise ValueError(f"Unsupported NetSuite version {version!r}")
            folder = schema_root() / OFFICIAL_VERSION
            self.derived = True
        self._source_version = OFFICIAL_VERSION if self.derived else version
        self.wsdl_text = self._rewrite((folder / "netsuite.wsdl").read_bytes())
        self.xsd_texts = {
            path.name: self._rewrite(path.read_bytes())
            for path in sorted((folder / "xsd").glob("*.xsd"))
        }
        self._lock = threading.Lock()
        self._validate_lock = threading.Lock()

    def _rewrite(self, data: bytes) -> bytes:
        if not self.derived:
            return data
        old, new = self._source_version, self.version
        return data.replace(f"_{old}".encode(), f"_{new}".encode()).replace(
            f"v{old}_0".encode(), f"v{new}_0".encode()
        )

    def served_wsdl(self, endpoint_url: str) -> bytes:
        """The WSDL with flat ``xsd/<name>`` imports and ``soap:address`` = ``endpoint_url``."""
        text = re.sub(rb'schemaLocation="[./]*xsd/+', b'schemaLocation="xsd/', self.wsdl_text)
        return re.sub(
            rb'(<soap:address location=")[^"]*(")',
            lambda m: m.group(1) + endpoint_url.encode() + m.group(2),
            text,
        )

    def served_xsd(self, name: str) -> bytes | None:
        """An XSD with imports relative to its own folder (``.//x.xsd`` becomes ``x.xsd``)."""
        data = self.xsd_texts.get(name)
        if data is None:
            return None
        return re.sub(rb'schemaLocation="[./]+', b'schemaLocation="', data)

    @cached_property
    def imported_namespaces(self) -> list[tuple[str, str]]:
        wsdl = etree.fromstring(self.wsdl_text)
        return [
            (node.get("namespace"), node.get("schemaLocation").rsplit("/", 1)[-1])
            for node in wsdl.iter(f"{{{XSD}}}import")
        ]

    @property
    def validator(self) -> etree.XMLSchema:
        with self._lock:
            if "_validator" not in self.__dict__:
                self.__dict__["_validator"] = self._compile()
            return self.__dict__["_validator"]

    def _compile(self) -> etree.XMLSchema:
        imports = "".join(
            f'<xsd:import namespace="{namespace}" schemaLocation="{location}"/>'
            for namespace, location in self.imported_namespaces
        )
        wrapper = f'<xsd:schema xmlns:xsd="{XSD}" targetNamespace="urn:sim.wrapper">'
        wrapper += f"{imports}</xsd:schema>"
        parser = etree.XMLParser()
        parser.resolvers.add(_MemoryResolver(self.xsd_texts))
        document = etree.fromstring(wrapper.encode(), parser, base_url="sim:///xsd/wrapper.xsd")
        return etree.XMLSchema(document)

    def validation_error(self, element) -> str | None:
        """None if ``element`` (a global element, validated in place) is schema-valid."""
        validator = self.validator
        with self._validate_lock:  # the error log is shared by all validations of one schema
            if validator.validate(element):
                return None
            error = validator.error_log.last_error
        return error.message if error is not None else "schema validation failed"


_schema_sets: dict[str, SchemaSet] = {}
_schema_sets_lock = threading.Lock()


def schema_set(version: str) -> SchemaSet:
    """One shared :class:`SchemaSet` per version and process (compiling takes about 2 s)."""
    with _schema_sets_lock:
        if version not in _schema_sets:
            _schema_sets[version] = SchemaSet(version)
        return _schema_sets[version]
