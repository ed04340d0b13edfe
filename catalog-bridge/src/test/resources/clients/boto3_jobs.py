"""Drives the bridge's jobs and crawlers with boto3 and prints what a boto3 user observes, as JSON.

The Java test (Boto3JobsIT) asserts on this output; this script only observes. It waits on
conditions with deadlines (polling as a Glue user does), never on fixed sleeps alone.
Environment: BRIDGE_ENDPOINT, JOB, DATABASE, CRAWLER, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_DEFAULT_REGION.
"""
import datetime
import json
import os
import time

import boto3
import botocore

glue = boto3.client("glue", endpoint_url=os.environ["BRIDGE_ENDPOINT"])
job = os.environ["JOB"]
db = os.environ["DATABASE"]
crawler = os.environ["CRAWLER"]
FINAL = {"STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT", "ERROR"}
seen = {"boto3": boto3.__version__}


def error_of(call):
    """The exception class name, error code and message a failing call raises."""
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return {
            "class": type(e).__name__,
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"]["Message"],
        }
    return None


def wait_for(get, done, limit):
    """Polls get() until done(value), for at most limit seconds; returns the last value."""
    deadline = time.monotonic() + limit
    value = get()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.2)
        value = get()
    return value


def run_of(run_id):
    return glue.get_job_run(JobName=job, RunId=run_id)["JobRun"]


glue.create_job(
    Name=job,
    Role="arn:aws:iam::000000000000:role/driftway-backfill",
    Command={"Name": "driftway-backfill", "ScriptLocation": "s3://lake/pipelines/orders.yaml"},
    DefaultArguments={"--source": "s3://lake/in/orders/", "--table": "sales.orders"},
    ExecutionProperty={"MaxConcurrentRuns": 2},
    Timeout=30,
)
got = glue.get_job(JobName=job)["Job"]
seen["job"] = {
    "name": got["Name"],
    "command": got["Command"]["Name"],
    "script": got["Command"]["ScriptLocation"],
    "defaults": got["DefaultArguments"],
    "timeout": got["Timeout"],
    "max_retries": got["MaxRetries"],
    "max_concurrent": got["ExecutionProperty"]["MaxConcurrentRuns"],
    "created_is_datetime": isinstance(got["CreatedOn"], datetime.datetime),
}
seen["jobs_listed"] = job in [j["Name"] for j in glue.get_jobs()["Jobs"]]

# First, a run that hangs with a one-minute Timeout: the minute passes while the rest runs.
timeout_id = glue.start_job_run(JobName=job, Arguments={"--behave": "hang"}, Timeout=1)[
    "JobRunId"
]

# The start_job_run example of the Glue docs, then polling get_job_run until it ends.
run_id = glue.start_job_run(JobName=job, Arguments={"--key": "value"})["JobRunId"]
run = wait_for(lambda: run_of(run_id), lambda r: r["JobRunState"] in FINAL, 60)
seen["run"] = {
    "id": run["Id"],
    "state": run["JobRunState"],
    "attempt": run["Attempt"],
    "job_name": run["JobName"],
    "arguments": run["Arguments"],
    "started_is_datetime": isinstance(run["StartedOn"], datetime.datetime),
    "completed_not_before_started": run["CompletedOn"] >= run["StartedOn"],
    "execution_time": run["ExecutionTime"],
    "timeout": run["Timeout"],
    "has_error": "ErrorMessage" in run,
}

# A run stopped with BatchStopJobRun, beside one unknown id.
stop_id = glue.start_job_run(JobName=job, Arguments={"--behave": "hang"})["JobRunId"]
seen["stop_running"] = wait_for(
    lambda: run_of(stop_id), lambda r: r["JobRunState"] == "RUNNING", 30
)["JobRunState"]
seen["concurrent"] = error_of(lambda: glue.start_job_run(JobName=job))
stopped = glue.batch_stop_job_run(JobName=job, JobRunIds=[stop_id, "jr_unknown"])
seen["stop"] = {
    "submitted": [s["JobRunId"] for s in stopped["SuccessfulSubmissions"]],
    "errors": [
        [e["JobRunId"], e["ErrorDetail"]["ErrorCode"], e["ErrorDetail"]["ErrorMessage"]]
        for e in stopped["Errors"]
    ],
}
seen["stopped"] = wait_for(
    lambda: run_of(stop_id), lambda r: r["JobRunState"] in FINAL, 30
)["JobRunState"]

# A run that fails, with the engine's message.
fail_id = glue.start_job_run(JobName=job, Arguments={"--behave": "fail"})["JobRunId"]
failed = wait_for(lambda: run_of(fail_id), lambda r: r["JobRunState"] in FINAL, 30)
seen["failed"] = {"state": failed["JobRunState"], "message": failed.get("ErrorMessage")}

# Every run, newest first, two to a page.
pages = glue.get_paginator("get_job_runs").paginate(
    JobName=job, PaginationConfig={"PageSize": 2}
)
seen["run_pages"] = [[r["Id"] for r in page["JobRuns"]] for page in pages]
seen["ids"] = {"timeout": timeout_id, "run": run_id, "stop": stop_id, "fail": fail_id}

seen["unknown_job_run"] = error_of(lambda: glue.get_job_run(JobName="nope-" + job, RunId=run_id))
seen["unknown_run"] = error_of(lambda: glue.get_job_run(JobName=job, RunId="jr_unknown"))
seen["unknown_start"] = error_of(lambda: glue.start_job_run(JobName="nope-" + job))

# A crawler: create, start, find it running, release it, wait until it is READY again.
glue.create_database(DatabaseInput={"Name": db})
glue.create_crawler(
    Name=crawler,
    Role="arn:aws:iam::000000000000:role/driftway-crawler",
    DatabaseName=db,
    Targets={"S3Targets": [{"Path": "s3://lake/events/clicks/"}]},
    TablePrefix="raw_",
    SchemaChangePolicy={"UpdateBehavior": "LOG", "DeleteBehavior": "DELETE_FROM_DATABASE"},
)
ready = glue.get_crawler(Name=crawler)["Crawler"]
seen["crawler_created"] = {"state": ready["State"], "has_last_crawl": "LastCrawl" in ready}
glue.start_crawler(Name=crawler)
seen["crawler_state_after_start"] = glue.get_crawler(Name=crawler)["Crawler"]["State"]
seen["crawler_running"] = error_of(lambda: glue.start_crawler(Name=crawler))
# The test's crawler holds until this database exists, so the checks above saw it running.
glue.create_database(DatabaseInput={"Name": db + "_release"})
crawled = wait_for(
    lambda: glue.get_crawler(Name=crawler)["Crawler"],
    lambda c: c["State"] == "READY" and "LastCrawl" in c,
    60,
)
seen["crawler"] = {
    "state": crawled["State"],
    "last_status": crawled["LastCrawl"]["Status"],
    "last_start_is_datetime": isinstance(crawled["LastCrawl"]["StartTime"], datetime.datetime),
    "prefix": crawled["TablePrefix"],
    "update": crawled["SchemaChangePolicy"]["UpdateBehavior"],
    "delete": crawled["SchemaChangePolicy"]["DeleteBehavior"],
    "path": crawled["Targets"]["S3Targets"][0]["Path"],
}
seen["crawled_table"] = glue.get_table(DatabaseName=db, Name="raw_clicks")["Table"]["Name"]
seen["crawler_listed"] = crawler in [c["Name"] for c in glue.get_crawlers()["Crawlers"]]
seen["tables_created"] = glue.get_crawler_metrics(CrawlerNameList=[crawler])[
    "CrawlerMetricsList"
][0]["TablesCreated"]
seen["crawler_not_running"] = error_of(lambda: glue.stop_crawler(Name=crawler))

# Last, the run with the one-minute Timeout.
timed = wait_for(lambda: run_of(timeout_id), lambda r: r["JobRunState"] in FINAL, 100)
seen["timeout"] = {
    "state": timed["JobRunState"],
    "message": timed.get("ErrorMessage"),
    "timeout": timed["Timeout"],
    "execution_time": timed.get("ExecutionTime"),
}

print(json.dumps(seen, default=str))
