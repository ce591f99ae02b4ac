"""The bad input drill: Remote payloads broken by hypothesis, through the addon's real sync.

A loopback proxy sits in front of the Remote simulator and rewrites the show and breakdown
answers of most documents with generated breakage (missing fields, wrong types, huge strings,
unicode, negative or absurd amounts, unknown currencies, lines that do not sum, malformed JSON);
the other documents pass untouched and must be booked exactly as if nothing else happened.
"""

import copy
import json
import random
import threading

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

HUGE = "Ω" * 200_000
DOCUMENT_FIELDS = (
    "id",
    "billing_document_number",
    "billing_document_type",
    "billing_document_currency",
    "billing_document_period",
    "issued_date",
    "total",
    "items",
)
LINE_FIELDS = ("type", "description", "employment_id", "invoice_amount", "invoice_currency")
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.just(HUGE),
    st.sampled_from(["XXX", "ZZZ", "usd", "€", "", "2025-13-45", "-0", "1e9"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
operations = st.one_of(
    st.tuples(st.just("document_delete"), st.sampled_from(DOCUMENT_FIELDS)),
    st.tuples(st.just("document_set"), st.sampled_from(DOCUMENT_FIELDS), values),
    st.tuples(st.just("line_delete"), st.integers(0, 400), st.sampled_from(LINE_FIELDS)),
    st.tuples(st.just("line_set"), st.integers(0, 400), st.sampled_from(LINE_FIELDS), values),
    st.tuples(st.just("unbalance"), st.integers(-(10**12), 10**12).filter(bool)),
    st.tuples(
        st.just("negate_all"),
    ),
    st.tuples(st.just("currency"), st.sampled_from(["XXX", "ZZZ", "BTC", "usd", ""])),
    st.tuples(st.just("unicode"), st.text(min_size=1, max_size=30)),
    st.tuples(st.just("breakdown_shape"), st.sampled_from(["null", "object", "empty", "dup"])),
    st.tuples(st.just("not_json"), st.sampled_from(["show", "breakdown"])),
)
cases = st.lists(operations, min_size=1, max_size=3)


def generated_cases(count, seed):
    """``count`` lists of breakage operations, drawn by hypothesis (reproducible with ``seed``)."""
    drawn = []

    @settings(max_examples=count, database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(cases)
    def collect(case):
        drawn.append(case)

    collect()
    random.Random(seed).shuffle(drawn)
    return drawn[:count]


def _line_index(lines, index):
    return index % len(lines) if lines else None


def apply_case(case, show, breakdown):
    """(show body, breakdown body) after the case's operations: JSON text, maybe invalid."""
    show, breakdown = copy.deepcopy(show), copy.deepcopy(breakdown)
    document = show["data"]["billing_document"]
    lines = breakdown["data"]["billing_document_breakdown"]
    raw = {}
    for operation in case:
        kind = operation[0]
        if kind == "document_delete":
            document.pop(operation[1], None)
        elif kind == "document_set":
            document[operation[1]] = operation[2]
        elif kind in ("line_delete", "line_set") and isinstance(lines, list):
            index = _line_index(lines, operation[1])
            if index is not None and isinstance(lines[index], dict):
                if kind == "line_delete":
                    lines[index].pop(operation[2], None)
                else:
                    lines[index][operation[2]] = operation[3]
        elif kind == "unbalance" and isinstance(lines, list) and lines:
            line = lines[0]
            if isinstance(line, dict) and isinstance(line.get("invoice_amount"), int):
                line["invoice_amount"] += operation[1]
        elif kind == "negate_all" and isinstance(lines, list):
            for line in lines:
                if isinstance(line, dict) and isinstance(line.get("invoice_amount"), int):
                    line["invoice_amount"] = -line["invoice_amount"]
        elif kind == "currency":
            document["billing_document_currency"] = operation[1]
            for line in lines if isinstance(lines, list) else ():
                if isinstance(line, dict):
                    line["invoice_currency"] = operation[1]
        elif kind == "unicode" and isinstance(lines, list):
            for line in lines:
                if isinstance(line, dict):
                    line["description"] = operation[1]
        elif kind == "breakdown_shape":
            shape = operation[1]
            if shape == "dup":
                lines = lines * 2 if isinstance(lines, list) else lines
            else:
                lines = {"null": None, "object": {"0": lines}, "empty": []}[shape]
            breakdown["data"]["billing_document_breakdown"] = lines
        elif kind == "not_json":
            raw[operation[1]] = '{"data": {"billing_document": ' + "[" * 3
    return raw.get("show") or json.dumps(show), raw.get("breakdown") or json.dumps(breakdown)


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class BreakingProxy:
    """Forwards to the Remote simulator; answers the show and breakdown calls of the documents
    in ``cases`` (id -> operations) with their broken versions."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.cases = {}
        self._session = requests.Session()
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True, request_handler=_Quiet)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._server.shutdown()
        self._server.server_close()

    def _forward(self, request, path):
        return self._session.get(
            self.upstream + path,
            params=request.args,
            headers={"Authorization": request.headers.get("Authorization", "")},
            timeout=60,
        )

    @Request.application
    def _app(self, request):
        path = request.path
        parts = path.strip("/").split("/")
        document_id = parts[2] if len(parts) >= 3 and parts[1] == "billing-documents" else None
        case = self.cases.get(document_id)
        if case is None or (len(parts) == 4 and parts[3] != "breakdown"):
            upstream = self._forward(request, path)
            return Response(upstream.content, upstream.status_code,
                            content_type=upstream.headers.get("Content-Type"))  # fmt: skip
        base = f"/v1/billing-documents/{document_id}"
        show = self._forward(request, base).json()
        breakdown = self._forward(request, base + "/breakdown").json()
        broken_show, broken_breakdown = apply_case(case, show, breakdown)
        body = broken_breakdown if len(parts) == 4 else broken_show
        return Response(body, 200, content_type="application/json")
