"""The smoke run's verdict (bench.run.sanity): wrong answers fail it, a slow machine does not."""

from bench.run import sanity


def journey(**run) -> dict:
    return {"users_8": {"errors": sum(run.get("errors", {}).values()), "runs": [run]}}


def test_journeys_that_finish_after_the_window_on_a_slow_machine_pass():
    found = {"journey": journey(completed=0, finished=3, errors={}, error_samples=[])}

    assert sanity(found) == {}


def test_no_journey_finishing_at_all_fails():
    found = {"journey": journey(completed=0, finished=0, errors={}, error_samples=[])}

    assert sanity(found) == {"journey": "no journey completed"}


def test_a_journey_error_fails_with_its_sample():
    sample = "journey: contact POST: HTTP 500 (expected 200)"
    found = {"journey": journey(completed=2, finished=2, errors={"journey": 1}, error_samples=[sample])}

    assert sample in sanity(found)["journey"]


def test_lookups_slower_than_wrk_s_timeout_are_not_wrong_answers():
    assert sanity({"limit_and_lookup": {"errors": [{"timeout": 4}]}}) == {}


def test_lookups_answered_with_an_error_status_fail():
    problems = sanity({"limit_and_lookup": {"errors": [{"status": 2, "timeout": 1}]}})

    assert problems == {"limit_and_lookup": "HTTP errors: [{'status': 2}]"}
