"""The REST face's asynchronous batch upsert (NOTES §6), enough to measure it against single PUTs.

``PUT /services/rest/record/v1/<type>`` with ``Prefer: respond-async`` and ``{"items": [...]}``
(each item with its ``externalId``, at most 100) answers 202 with ``Location:`` the job. The job's
tasks run one after another (NetSuite's default ``batch-processing`` is sequential) on one of
``sim.async_processors`` REST async processors, outside the account's concurrency limit. A task
costs what the same single PUT costs: ``latency_call`` + ``latency_record`` (TASK_COST, an
UNCONFIRMED model choice). Then ``GET /services/rest/async/v1/job/<id>``, ``…/task``,
``…/task/<n>`` and ``…/task/<n>/result`` (the body of the task's own response) read it.
"""

import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from .bookings import RecordError
from .rest_records import draft_from_json

ASYNC_PREFIX = "/services/rest/async/v1/job/"
MAX_BATCH = 100


def task_cost(sim) -> float:
    """Seconds one batch task takes: the same record save as a single PUT, unless
    ``sim.async_task_cost`` says otherwise."""
    if sim.async_task_cost is not None:
        return sim.async_task_cost
    return sim.latency_call + sim.latency_record


class AsyncJobs:
    def __init__(self, sim):
        self._sim = sim
        self._jobs: dict[str, dict] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._executor = None

    def _processors(self):
        with self._lock:
            if self._executor is None:
                workers = max(1, self._sim.async_processors)
                self._executor = ThreadPoolExecutor(workers, thread_name_prefix="rest-async")
            return self._executor

    def submit(self, kind, items) -> str:
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_BATCH:
            raise RecordError("INVALID_REQUEST", f"A batch holds 1 to {MAX_BATCH} items.")
        job_id = str(next(self._ids))
        job = {"id": job_id, "tasks": [None] * len(items), "done": False, "start": None}
        with self._lock:
            self._jobs[job_id] = job
        self._processors().submit(self._run, job, kind, items)
        return job_id

    def _run(self, job, kind, items):
        job["start"] = _now()
        for index, item in enumerate(items):
            time.sleep(task_cost(self._sim))
            job["tasks"][index] = self._task(kind, item)
        job["end"] = _now()
        job["done"] = True

    def _task(self, kind, item) -> dict:
        external_id = item.get("externalId") if isinstance(item, dict) else None
        if not external_id:
            return _failed("INVALID_CONTENT", "A batch upsert item needs its externalId.")
        try:
            booked = self._sim.book.write("upsert", draft_from_json(kind, external_id, item))
        except RecordError as error:
            return _failed(error.code, f"Error while accessing a resource. {error.message}")
        return {"status": 204, "id": booked.internal_id, "progress": "succeeded"}

    def get(self, job_id):
        with self._lock:
            return self._jobs.get(job_id)


def _failed(code, detail):
    return {
        "status": 400,
        "progress": "failed",
        "body": {"status": 400, "o:errorDetails": [{"detail": detail, "o:errorCode": code}]},
    }


def _now():
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def job_answer(jobs: AsyncJobs, base: str, rest: str):
    """(status, JSON body) for a GET under /async/v1/job/."""
    parts = rest.split("/")
    job = jobs.get(parts[0])
    if job is None:
        return 404, None
    href = f"{base}{ASYNC_PREFIX.lstrip('/')}{job['id']}"
    if len(parts) == 1:
        progress = "succeeded" if job["done"] else ("processing" if job["start"] else "pending")
        return 200, {
            "links": [{"rel": "self", "href": href}],
            "completed": job["done"],
            "id": job["id"],
            "progress": progress,
            "task": {"links": [{"rel": "self", "href": f"{href}/task"}]},
        }
    if parts[1:] == ["task"]:
        items = [
            {"links": [{"rel": "self", "href": f"{href}/task/{n}"}]}
            for n in range(1, len(job["tasks"]) + 1)
        ]
        return 200, {"links": [{"rel": "self", "href": f"{href}/task"}], "count": len(items),
                     "items": items}  # fmt: skip
    if parts[1] != "task" or len(parts) > 4 or not parts[2].isdigit():
        return 404, None
    index = int(parts[2]) - 1
    if not 0 <= index < len(job["tasks"]):
        return 404, None
    task = job["tasks"][index]
    if len(parts) == 3:
        return 200, {
            "links": [{"rel": "related", "href": f"{href}/task/{index + 1}/result"}],
            "completed": task is not None,
            "id": str(index + 1),
            "progress": task["progress"] if task else "pending",
        }
    if parts[3] != "result" or task is None:
        return 404, None
    if task["status"] == 204:
        return 200, {"status": 204, "id": task["id"]}
    return 200, task["body"]
