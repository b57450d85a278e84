"""Running calls at the same moment, each in its own thread with its own database connection."""

import threading

from django.db import connections


def at_once(calls: list, *, timeout: float = 120) -> list:
    """Run the calls in threads released together; each result is the call's value or the
    exception it raised (a refusal is a result under test)."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # the refusal is the result under test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
