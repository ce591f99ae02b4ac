"""Remote's REST endpoints: routing, paging and the JSON bodies."""

from werkzeug.routing import Map, Rule

from .generator import CompanyData, parse_period
from .pdf import document_pdf

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# endpoint name -> scope the token needs (None: any valid token)
SCOPES = {
    "identity": None,
    "legal_entities": "company:read",
    "departments": "company_department:read",
    "employments": "employment:read",
    "employment": "employment:read",
    "billing_documents": "invoices:read",
    "billing_document": "invoices:read",
    "breakdown": "invoices:read",
    "pdf": "invoices:read",
}

URL_MAP = Map(
    [
        Rule("/v1/identity/current", endpoint="identity"),
        Rule("/v1/companies/<company_id>/legal-entities", endpoint="legal_entities"),
        Rule("/v1/company-departments", endpoint="departments"),
        Rule("/v1/employments", endpoint="employments"),
        Rule("/v1/employments/<id>", endpoint="employment"),
        Rule("/v1/billing-documents", endpoint="billing_documents"),
        Rule("/v1/billing-documents/<id>", endpoint="billing_document"),
        Rule("/v1/billing-documents/<id>/breakdown", endpoint="breakdown"),
        Rule("/v1/billing-documents/<id>/pdf", endpoint="pdf"),
    ],
    strict_slashes=False,
)


def template_of(rule: Rule) -> str:
    """ "/v1/billing-documents/<id>/breakdown" -> "/v1/billing-documents/{id}/breakdown"."""
    return rule.rule.replace("<", "{").replace(">", "}")


class ApiError(Exception):
    def __init__(self, status: int, body: dict):
        super().__init__(status)
        self.status = status
        self.body = body


def not_found(resource: str) -> ApiError:
    return ApiError(404, {"message": f"{resource} not found"})


def invalid(field: str, message: str = "is invalid") -> ApiError:
    return ApiError(422, {"errors": {field: [message]}})


def _positive_int(args, name: str, default: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise invalid(name, "must be a positive integer")
    return int(raw)


def page_of(args, items: list) -> tuple[list, dict]:
    """The requested page and the paging fields (``page`` 1-based, ``page_size`` <= 100)."""
    page = _positive_int(args, "page", 1)
    page_size = _positive_int(args, "page_size", DEFAULT_PAGE_SIZE)
    if page_size > MAX_PAGE_SIZE:
        raise invalid("page_size", f"must be less than or equal to {MAX_PAGE_SIZE}")
    total = len(items)
    start = (page - 1) * page_size
    meta = {
        "current_page": page,
        "total_count": total,
        "total_pages": (total + page_size - 1) // page_size,
    }
    return items[start : start + page_size], meta


class Handlers:
    """One method per endpoint; each returns (status, JSON body) or (status, bytes, mimetype)."""

    def __init__(self, simulator):
        self.sim = simulator

    @property
    def data(self) -> CompanyData:
        return self.sim.data

    def identity(self, request):
        company = self.data.company
        return 201, {
            "data": {
                "company": {"id": company.id, "name": company.name},
                "user": {
                    "id": company.user_id,
                    "name": company.user_name,
                    "email": company.user_email,
                    "status": "active",
                },
            }
        }

    def legal_entities(self, request, company_id):
        if company_id != self.data.company_id:
            raise not_found("company")
        entities = [entity.to_json() for entity in self.data.legal_entities]
        page, meta = page_of(request.args, entities)
        return 200, {"data": {"legal_entities": page, **meta}}

    def departments(self, request):
        company_id = request.args.get("company_id")
        if not company_id:
            raise invalid("company_id", "can't be blank")
        if company_id != self.data.company_id:
            raise not_found("company")
        departments = [department.to_json() for department in self.data.departments]
        if request.args.get("paginate", "true").lower() == "false":
            meta = {"current_page": 1, "total_count": len(departments), "total_pages": 1}
            page = departments
        else:
            page, meta = page_of(request.args, departments)
        # Remote's quirk: the paging fields sit next to "data", not inside it.
        return 200, {"data": {"company_departments": page}, **meta}

    def employments(self, request):
        args = request.args
        employments = self.data.employments
        if args.get("company_id") not in (None, self.data.company_id):
            employments = []
        if args.get("status") not in (None, "", "active"):
            employments = []
        if args.get("employment_model") not in (None, "", "eor"):
            employments = []
        page, meta = page_of(args, [e.to_minimal_json() for e in employments])
        return 200, {"data": {"employments": page, **meta}}

    def employment(self, request, id):
        employment = self.data.employments_by_id.get(id)
        if employment is None:
            raise not_found("employment")
        return 200, {"data": {"employment": employment.to_json()}}

    def billing_documents(self, request):
        period = request.args.get("period") or None
        if period is not None:
            try:
                parse_period(period)
            except ValueError:
                raise invalid("period") from None
        documents = self.data.visible_documents(self.sim.today, period)
        page, meta = page_of(request.args, [document.to_summary_json() for document in documents])
        return 200, {"data": {"billing_documents": page, **meta}}

    def _document(self, document_id):
        document = self.data.documents_by_id.get(document_id)
        if document is None or (self.sim.today and document.issued_date > self.sim.today):
            raise not_found("billing document")
        return document

    def billing_document(self, request, id):
        return 200, {"data": {"billing_document": self._document(id).to_json()}}

    def breakdown(self, request, id):
        lines = self._document(id).breakdown
        wanted = request.args.get("type")
        if wanted:
            lines = [line for line in lines if wanted in (line.type, line.item_type)]
        return 200, {"data": {"billing_document_breakdown": [line.to_json() for line in lines]}}

    def pdf(self, request, id):
        return 200, document_pdf(self._document(id)), "application/pdf"
