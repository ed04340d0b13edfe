"""Drives the catalog bridge with boto3 and prints what a boto3 user observes, as one JSON object.

The Java test (Boto3CompatibilityIT) asserts on this output; this script only observes.
Environment: BRIDGE_ENDPOINT, DATABASE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION.
"""
import datetime
import json
import os

import boto3
import botocore

glue = boto3.client("glue", endpoint_url=os.environ["BRIDGE_ENDPOINT"])
db = os.environ["DATABASE"]
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
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
        }
    return None


glue.create_database(DatabaseInput={"Name": db, "Description": "boto3 test"})
table_input = {
    "Name": "clicks",
    "TableType": "EXTERNAL_TABLE",
    "Parameters": {"classification": "parquet"},
    "PartitionKeys": [{"Name": "dt", "Type": "date"}, {"Name": "hour", "Type": "int"}],
    "StorageDescriptor": {
        "Columns": [{"Name": "user_id", "Type": "bigint"}, {"Name": "url", "Type": "string"}],
        "Location": "s3://lake/web/clicks/",
        "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "SerdeInfo": {
            "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
        },
    },
}
glue.create_table(DatabaseName=db, TableInput=table_input)
for i in range(5):
    glue.create_table(
        DatabaseName=db, TableInput={"Name": "extra_%d" % i, "StorageDescriptor": {"Columns": []}}
    )

table = glue.get_table(DatabaseName=db, Name="clicks")["Table"]
seen["table"] = {
    "name": table["Name"],
    "version": table["VersionId"],
    "create_time_is_datetime": isinstance(table["CreateTime"], datetime.datetime),
    "create_time_tz": str(table["CreateTime"].tzinfo),
    "columns": [c["Name"] + ":" + c["Type"] for c in table["StorageDescriptor"]["Columns"]],
    "partition_keys": [k["Name"] for k in table["PartitionKeys"]],
    "serde": table["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"],
}

pages = glue.get_paginator("get_tables").paginate(
    DatabaseName=db, PaginationConfig={"PageSize": 2}
)
page_sizes = []
names = []
for page in pages:
    page_sizes.append(len(page["TableList"]))
    names.extend(t["Name"] for t in page["TableList"])
seen["get_tables_pages"] = page_sizes
seen["get_tables_names"] = names

inputs = []
for day in ("2024-03-01", "2024-03-02", "2024-03-03"):
    for hour in range(24):
        inputs.append(
            {
                "Values": [day, str(hour)],
                "StorageDescriptor": {"Location": "s3://lake/web/clicks/dt=%s/hour=%d/" % (day, hour)},
            }
        )
errors = []
for start in range(0, len(inputs), 100):
    errors.extend(
        glue.batch_create_partition(
            DatabaseName=db, TableName="clicks", PartitionInputList=inputs[start : start + 100]
        )["Errors"]
    )
seen["batch_create_errors"] = len(errors)

paginator = glue.get_paginator("get_partitions")
seen["partitions_all"] = sum(
    len(p["Partitions"])
    for p in paginator.paginate(
        DatabaseName=db, TableName="clicks", PaginationConfig={"PageSize": 10}
    )
)
seen["partitions_filtered"] = sorted(
    "/".join(part["Values"])
    for p in paginator.paginate(
        DatabaseName=db,
        TableName="clicks",
        Expression="dt > '2024-03-01' AND hour BETWEEN 9 AND 10",
    )
    for part in p["Partitions"]
)

glue.update_table(DatabaseName=db, TableInput=dict(table_input, Description="v1"), VersionId="0")
glue.update_table(DatabaseName=db, TableInput=dict(table_input, Description="v2"))
versions = []
for page in glue.get_paginator("get_table_versions").paginate(
    DatabaseName=db, TableName="clicks", PaginationConfig={"PageSize": 1}
):
    versions.extend(v["VersionId"] for v in page["TableVersions"])
seen["table_versions"] = versions

seen["stale_update"] = error_of(
    lambda: glue.update_table(
        DatabaseName=db, TableInput=dict(table_input, Description="late"), VersionId="1"
    )
)
try:
    glue.update_table(DatabaseName=db, TableInput=table_input, VersionId="0")
except glue.exceptions.ConcurrentModificationException:
    seen["stale_update_caught_by_modeled_class"] = True
seen["missing_table"] = error_of(lambda: glue.get_table(DatabaseName=db, Name="nope"))
try:
    glue.get_table(DatabaseName=db, Name="nope")
except glue.exceptions.EntityNotFoundException:
    seen["missing_table_caught_by_modeled_class"] = True
seen["duplicate_database"] = error_of(lambda: glue.create_database(DatabaseInput={"Name": db}))
seen["bad_expression"] = error_of(
    lambda: glue.get_partitions(DatabaseName=db, TableName="clicks", Expression="hour = 'x'")
)

glue.delete_table(DatabaseName=db, Name="clicks")
seen["after_delete"] = error_of(lambda: glue.get_table(DatabaseName=db, Name="clicks"))
print(json.dumps(seen))
