"""HTTP side: the WSGI app (WSDL/XSD, SOAP endpoint, inspection JSON) and the threaded server."""

import contextlib
import json
import re
import socket
import threading

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from .rest_http import rest_dispatch, restlet_dispatch
from .restlet import RESTLET_PATH

SOAP_CONTENT_TYPE = "text/xml; charset=utf-8"
SERVICE_UNAVAILABLE_HTML = (
    "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1>"
    "<p>The server is temporarily unable to service your request. Please try again later.</p>"
    "</body></html>"
)


class DropConnection(ConnectionError):
    """Raised by the app to close the socket without writing any response."""


class _RequestHandler(WSGIRequestHandler):
    def connection_dropped(self, error, environ=None):
        if isinstance(error, DropConnection):
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True

    def log_request(self, code="-", size="-"):
        pass  # quiet: tests and benchmarks make thousands of requests


class SimulatorApp:
    """Routes requests to the simulator; ``sim`` answers SOAP calls."""

    def __init__(self, sim):
        self.sim = sim
        version = sim.version
        self.endpoint_path = f"/services/NetSuitePort_{version}"
        self.wsdl_path = f"/wsdl/v{version}_0/netsuite.wsdl"
        self.xsd_prefix = f"/wsdl/v{version}_0/xsd/"

    def __call__(self, environ, start_response):
        request = Request(environ)
        response = self.dispatch(request)
        return response(environ, start_response)

    def dispatch(self, request) -> Response:
        path = re.sub(r"/{2,}", "/", request.path)
        if request.method == "POST" and path == self.endpoint_path:
            return self.soap(request)
        if request.method == "GET" and path == self.wsdl_path:
            self.sim.count_download("GET wsdl")
            endpoint = request.host_url.rstrip("/") + self.endpoint_path
            return Response(self.sim.schemas.served_wsdl(endpoint), content_type="text/xml")
        if request.method == "GET" and path.startswith(self.xsd_prefix):
            data = self.sim.schemas.served_xsd(path.removeprefix(self.xsd_prefix))
            if data is not None:
                self.sim.count_download("GET xsd")
                return Response(data, content_type="text/xml")
        if path.startswith("/services/rest/"):
            return rest_dispatch(self.sim, request, path)
        if path == RESTLET_PATH:
            return restlet_dispatch(self.sim, request)
        if path.startswith("/_sim/"):
            return self.inspection(request, path.removeprefix("/_sim/"))
        return Response("Not Found", status=404, content_type="text/plain")

    def soap(self, request) -> Response:
        outcome = self.sim.handle_soap(request.get_data(), request.headers.get("SOAPAction"))
        if outcome.drop:
            raise DropConnection("simulated connection drop")
        if outcome.html_503:
            return Response(SERVICE_UNAVAILABLE_HTML, status=503, content_type="text/html")
        return Response(outcome.body, status=outcome.status, content_type=SOAP_CONTENT_TYPE)

    def inspection(self, request, name) -> Response:
        sim = self.sim
        if request.method == "GET" and name == "bills":
            payload = sim.bills()
        elif request.method == "GET" and name == "calls":
            payload = dict(sim.calls)
        elif request.method == "GET" and name == "downloads":
            payload = dict(sim.downloads)
        elif request.method == "GET" and name == "data":
            payload = sim.data.to_json()
        elif request.method == "GET" and name == "files":
            payload = sim.files()
        elif request.method == "POST" and name == "reset":
            sim.reset_bookings()
            payload = {"reset": True}
        else:
            return Response("Not Found", status=404, content_type="text/plain")
        return Response(json.dumps(payload, indent=1), content_type="application/json")


class SimulatorServer:
    """A running simulator. ``with sim.serve(port=0) as server: ...`` stops it on exit."""

    def __init__(self, sim, host="127.0.0.1", port=0):
        self.simulator = sim
        self._server = make_server(
            host, port, SimulatorApp(sim), threaded=True, request_handler=_RequestHandler
        )
        self.host = host
        self.port = self._server.server_port
        self.url = f"http://{host}:{self.port}"
        self.endpoint_url = f"{self.url}/services/NetSuitePort_{sim.version}"
        self.wsdl_url = f"{self.url}/wsdl/v{sim.version}_0/netsuite.wsdl"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"netsuite-sim-{self.port}", daemon=True
        )
        self._thread.start()

    def __repr__(self):
        return f"SimulatorServer({self.url!r})"

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def serve_forever(self):
        """Block until interrupted (the CLI's main loop)."""
        self._thread.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
