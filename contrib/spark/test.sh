#!/usr/bin/env bash
# The Spark job in local[2] mode on a small corpus, checked against a single dateline process:
#  1. stage 1 (analyze) gives exactly the records of `dateline analyze` on the same inputs
#     (JSON Lines split over two partitions, and a WARC file), as JSON Lines and as Parquet;
#  2. stage 2 (store) gives the same events as a store made by one `dateline ingest`;
#  3. Spark and pandas read `dateline export --format parquet`.
# Needs the dateline binary built with Parquet export (cargo build --release --features parquet),
# Java 17+ and Python 3.11 with venv; pyspark, pyarrow and pandas are installed into
# target/spark-venv on first use. Usage: contrib/spark/test.sh [DATELINE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(realpath "${1:-target/release/dateline}")"
venv=target/spark-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark, pyarrow, pandas" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pyspark>=4.3,<5" pyarrow "pandas<3"
fi
export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$PWD/$venv/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
inputs=(../shared/seeds/seeds.jsonl examples/12_wire_feed.jsonl testdata/warc/crawl.warc.gz)

"$bin" analyze "${inputs[@]}" --format json --threads 1 --quiet > "$work/single.jsonl" || true
"$venv/bin/python" contrib/spark/dateline_spark.py analyze "${inputs[@]}" --out "$work/spark" \
  --partitions 2 --dateline "$bin" 2> "$work/spark.log" || { tail -30 "$work/spark.log"; exit 1; }
"$venv/bin/python" contrib/spark/dateline_spark.py analyze "${inputs[@]}" --out "$work/spark-parquet" \
  --out-format parquet --partitions 2 --dateline "$bin" 2>> "$work/spark.log" || { tail -30 "$work/spark.log"; exit 1; }

"$bin" ingest "${inputs[@]}" --db "$work/single.db" --threads 1 --quiet || true
"$venv/bin/python" contrib/spark/dateline_spark.py store "$work/spark" --db "$work/spark.db" --dateline "$bin" 2>> "$work/spark.log"
"$bin" events --db "$work/single.db" --format json > "$work/single-events.json"
"$bin" events --db "$work/spark.db" --format json > "$work/spark-events.json"
"$bin" export --format parquet --status all --out "$work/export" --db "$work/spark.db" 2> "$work/export.log"

"$venv/bin/python" - "$work" <<'PY'
import glob, json, os, sys
work = sys.argv[1]

def comparable(line):
    r = json.loads(line)
    # Where the input lay differs (a file, a partition's standard input, a worker's copy of
    # the archive); everything else must be the same.
    r.get("source", {}).pop("path", None)
    return r["id"], json.dumps(r, sort_keys=True)

single = dict(comparable(l) for l in open(f"{work}/single.jsonl") if l.strip())
spark_lines = [l for p in sorted(glob.glob(f"{work}/spark/part-*")) for l in open(p) if l.strip()]
spark = dict(comparable(l) for l in spark_lines)
assert len(spark_lines) == len(spark), "a record id came twice from Spark"
assert set(spark) == set(single), (sorted(set(single) - set(spark)), sorted(set(spark) - set(single)))
differ = [i for i in single if single[i] != spark[i]]
assert not differ, f"records differ: {differ[:5]}"
print(f"stage 1: {len(spark)} records from Spark (2 partitions) equal single-process analyze")

import pyarrow.parquet as pq
table = pq.read_table(f"{work}/spark-parquet")
from_parquet = dict(comparable(r) for r in table.column("record").to_pylist())
assert from_parquet == single, "Parquet records differ"
print(f"stage 1 as Parquet: {table.num_rows} rows, records equal")

def events(path):
    rows = json.load(open(path))
    return sorted(json.dumps({k: v for k, v in e.items() if k not in ("event", "reported_in")}, sort_keys=True) for e in rows)
a, b = events(f"{work}/single-events.json"), events(f"{work}/spark-events.json")
assert a == b, "events differ between the single store and the store merged from Spark partitions"
print(f"stage 2: {len(b)} events in the merged store equal one ingest's")

from pyspark.sql import SparkSession
spark_session = SparkSession.builder.master("local[2]").appName("dateline parquet check").getOrCreate()
counts = {}
for name in ("articles", "events", "figures", "quotes"):
    df = spark_session.read.parquet(f"{work}/export/{name}.parquet")
    counts[name] = df.count()
events_df = spark_session.read.parquet(f"{work}/export/events.parquet")
assert dict(events_df.dtypes)["actors"] == "array<string>" and dict(events_df.dtypes)["mentions"] == "bigint"
spark_session.stop()
import pandas as pd
for name, n in counts.items():
    assert len(pd.read_parquet(f"{work}/export/{name}.parquet")) == n
assert counts["events"] == len(b)
print(f"Parquet export read by Spark and pandas: {counts}")
PY
