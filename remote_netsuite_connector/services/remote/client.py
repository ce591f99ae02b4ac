"""Remote (Employer of Record) REST API client: the calls the connector needs, as plain values."""

import time

from . import parsing
from .errors import RemoteDataError, RemoteValidationError
from .transport import PDF, RemoteTransport

PAGE_SIZE = 100  # Remote's maximum
_MAX_PAGES = 10_000  # a listing that never ends is a broken answer, not a reason to loop forever


class RemoteClient:
    """Reads billing documents and the records needed to book them from Remote.

    Every listing is paged to the end. ``calls`` counts the HTTP requests sent per
    ``"GET <endpoint template>"`` (retries included), which Remote's rate limit counts too.
    Use ``host_mismatch()`` to tell an administrator, before any call, that the token belongs to the
    other environment; calls raise RemoteAuthError with that text.
    ``gate`` (e.g. a ``threading.BoundedSemaphore`` shared by several clients) is held for each
    request on the wire, so clients reading in parallel never send more than it allows at once.
    ``on_retry(text)`` is told of each transient failure retried (one line of text).
    """

    def __init__(
        self,
        base_url,
        token,
        *,
        timeout=30,
        max_attempts=5,
        sleep=time.sleep,
        session=None,
        page_size=PAGE_SIZE,
        gate=None,
        on_retry=None,
    ):
        self._transport = RemoteTransport(
            base_url,
            token,
            timeout=timeout,
            max_attempts=max_attempts,
            sleep=sleep,
            session=session,
            gate=gate,
            on_retry=on_retry,
        )
        self.page_size = page_size

    def __repr__(self):
        return f"RemoteClient(base_url={self.base_url!r}, token='***')"

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @property
    def base_url(self):
        return self._transport.base_url

    @property
    def calls(self):
        return self._transport.calls

    def host_mismatch(self):
        """What to fix when the token is for the other environment than the host, else None."""
        return self._transport.host_mismatch()

    def close(self):
        self._transport.close()

    # Company and people

    def identity(self):
        """Who the token acts for: one call, the way a customer token learns its company id."""
        return parsing.identity(self._data("/v1/identity/current", "identity"))

    def legal_entities(self, company_id):
        rows = self._listing(
            "/v1/companies/{company_id}/legal-entities", "legal_entities", company_id=company_id
        )
        return [parsing.legal_entity(row) for row in rows]

    def departments(self, company_id):
        rows = self._listing(
            "/v1/company-departments", "company_departments", params={"company_id": company_id}
        )
        return [parsing.department(row) for row in rows]

    def employments(self, company_id):
        """All employments of the company, without ``bill_to_legal_entity_id`` (see employment)."""
        rows = self._listing("/v1/employments", "employments", params={"company_id": company_id})
        return [parsing.employment(row) for row in rows]

    def employment(self, employment_id):
        """One employment with its ``bill_to_legal_entity_id``: one call."""
        data = self._data("/v1/employments/{id}", f"employment {employment_id}", id=employment_id)
        return parsing.employment(data.object("employment", f"employment {employment_id}").obj)

    # Billing documents

    def billing_documents(self, period):
        """The documents of a month (``YYYY-MM``): ids, types and issuers only, no amounts."""
        if not parsing.is_period(period):
            raise RemoteValidationError(
                f"The billing period must be a month as YYYY-MM, not {period!r}"
            )
        rows = self._listing(
            "/v1/billing-documents", "billing_documents", params={"period": period}
        )
        return [parsing.document_summary(row) for row in rows]

    def billing_document(self, document_id, *, bill_from=None):
        """The document with its number, currency, total and items; ``bill_from`` comes from the
        listing, the only place Remote gives it."""
        what = f"billing document {document_id}"
        data = self._data("/v1/billing-documents/{id}", what, id=document_id)
        document = parsing.billing_document(
            data.object("billing_document", what).obj, bill_from=bill_from
        )
        if document.id != document_id:
            raise RemoteDataError(f"Remote answered {what} with billing document {document.id}")
        return document

    def breakdown(self, document_id):
        """The lines billed on that document, each with its employment (not paginated)."""
        what = f"billing document {document_id} breakdown"
        data = self._data("/v1/billing-documents/{id}/breakdown", what, id=document_id)
        return [
            parsing.breakdown_line(row, f"{what} line {index}")
            for index, row in enumerate(data.rows("billing_document_breakdown"))
        ]

    def pdf(self, document_id):
        response = self._transport.get("/v1/billing-documents/{id}/pdf", accept=PDF, id=document_id)
        if not response.content.startswith(b"%PDF-"):
            raise RemoteDataError(
                f"Remote sent billing document {document_id}'s PDF that is no PDF"
            )
        return response.content

    # Plumbing

    def _data(self, template, what, *, params=None, **path_args):
        response = self._transport.get(template, params=params, **path_args)
        return parsing.envelope(self._transport.json(response, what), what)

    def _listing(self, template, key, *, params=None, **path_args):
        """Every item of a paged listing. Paging fields may sit in ``data`` or, as on
        company-departments, at the top level; items already seen on an earlier page are skipped
        (page-number paging repeats items when records are added meanwhile)."""
        rows, seen = [], set()
        for page in range(1, _MAX_PAGES + 1):
            what = f"{template} page {page}"
            query = {**(params or {}), "page": page, "page_size": self.page_size}
            response = self._transport.get(template, params=query, **path_args)
            body = self._transport.json(response, what)
            data = parsing.envelope(body, what)
            page_rows = data.rows(key)
            for row in page_rows:
                ident = row.get("id") if isinstance(row, dict) else None
                if ident is None or ident not in seen:
                    seen.add(ident)
                    rows.append(row)
            total_pages = _total_pages(body, data.obj, what)
            if total_pages is None:  # no paging fields: a short page is the last one
                total_pages = page if len(page_rows) < self.page_size else page + 1
            if not page_rows or page >= total_pages:
                return rows
        raise RemoteDataError(f"Remote's listing {template} did not end after {_MAX_PAGES} pages")


def _total_pages(body, data, what):
    value = data.get("total_pages", body.get("total_pages"))
    if value is not None and type(value) is not int:
        raise RemoteDataError(
            f"Remote {what}: field 'total_pages' must be an integer, got {value!r}"
        )
    return value
