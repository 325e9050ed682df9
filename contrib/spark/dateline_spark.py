#!/usr/bin/env python3
"""dateline on Apache Spark: analyse a corpus too large for one machine, partition by partition,
then merge the records into one store.

Stage 1, `analyze`: reads JSON Lines files (one article per line, as `dateline analyze` reads
them) or web archives (.warc, .warc.gz), and runs one long-lived `dateline analyze` process per
partition: the partition's lines go to its standard input and its records come back on its
standard output, JSON Lines in, JSON Lines out. WARC files are whole files, so each partition
hands its files to its process by path (copied to the worker's local disk first). Records are
written as JSON Lines (`--out-format jsonl`, the default) or Parquet (`--out-format parquet`:
columns id, title, published, url, outlet, language, events, quotes, figures, record — the whole
record as JSON).

Stage 2, `store`: merges the records of every partition into one dateline store with
`dateline ingest --records`, which stores them as they are and merges events across reports as
it goes, so the same event reported in two partitions is one event of the store. It runs where
the store lives (the driver); see docs/scale.md for when one store is not enough.

    spark-submit contrib/spark/dateline_spark.py analyze INPUT... --out OUT [--dateline BIN]
        [--partitions N] [--out-format jsonl|parquet] [--master local[2]]
    spark-submit contrib/spark/dateline_spark.py store OUT --db corpus.db [--dateline BIN]

Each dateline process gets `--threads 1`: Spark already runs one task per core.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading


def analyze_lines(lines, binary):
    """One `dateline analyze` process for a partition's JSON Lines articles: lines in on
    standard input (from a thread, so a full output pipe never blocks the input), records out."""
    proc = subprocess.Popen(
        [binary, "analyze", "-", "--format", "json", "--threads", "1", "--quiet"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    errors = []

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line.encode("utf-8") + b"\n")
        finally:
            proc.stdin.close()

    def drain():
        errors.append(proc.stderr.read().decode("utf-8", "replace"))

    writer = threading.Thread(target=feed)
    reader = threading.Thread(target=drain)
    writer.start()
    reader.start()
    for out in proc.stdout:
        if out.strip():
            yield out.decode("utf-8").rstrip("\n")
    writer.join()
    reader.join()
    if proc.wait() not in (0, 1):
        raise RuntimeError(f"dateline analyze failed: {''.join(errors)[-2000:]}")
    # Inputs skipped (a malformed line, an empty article) are said on standard error and the
    # partition goes on, as in a single run.
    for message in "".join(errors).splitlines():
        if message.startswith("dateline: skipped"):
            print(message, file=sys.stderr)


def analyze_files(files, binary):
    """One `dateline analyze` process for a partition's archive files, by local path."""
    folder = tempfile.mkdtemp(prefix="dateline-spark-")
    try:
        paths = []
        for name, data in files:
            local = os.path.join(folder, os.path.basename(name))
            with open(local, "wb") as f:
                f.write(data)
            paths.append(local)
        if not paths:
            return
        proc = subprocess.run(
            [binary, "analyze", *paths, "--format", "json", "--threads", "1", "--quiet"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
        )
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"dateline analyze failed: {proc.stderr.decode()[-2000:]}")
        for out in proc.stdout.decode("utf-8").splitlines():
            if out.strip():
                yield out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def columns(line):
    """A record as the Parquet row: what a reader filters on, and the whole record."""
    r = json.loads(line)
    source = r.get("source") or {}
    return (
        r.get("id"),
        r.get("title"),
        r.get("published"),
        source.get("url"),
        source.get("outlet"),
        r.get("language"),
        len(r.get("events") or []),
        len(r.get("quotes") or []),
        len(r.get("figures") or []),
        line,
    )


def is_archive(path):
    return path.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def run_analyze(a):
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master(a.master).appName("dateline analyze").getOrCreate()
    sc = spark.sparkContext
    binary = os.path.abspath(a.dateline)
    archives = [p for p in a.inputs if is_archive(p)]
    lines = [p for p in a.inputs if not is_archive(p)]
    parts = []
    if lines:
        rdd = sc.textFile(",".join(lines), minPartitions=a.partitions)
        parts.append(rdd.mapPartitions(lambda it: analyze_lines(it, binary)))
    if archives:
        rdd = sc.binaryFiles(",".join(archives), minPartitions=a.partitions)
        parts.append(rdd.mapPartitions(lambda it: analyze_files(it, binary)))
    records = parts[0] if len(parts) == 1 else sc.union(parts)
    if a.out_format == "parquet":
        schema = "id string, title string, published string, url string, outlet string, language string, events int, quotes int, figures int, record string"
        spark.createDataFrame(records.map(columns), schema).write.mode("overwrite").parquet(a.out)
    else:
        records.saveAsTextFile(a.out)
    spark.stop()


def record_files(out):
    """The record files a stage-1 run wrote: text parts, or Parquet parts read back as JSON."""
    parts = sorted(
        os.path.join(out, f) for f in os.listdir(out) if f.startswith("part-") and not f.endswith(".crc")
    )
    if parts and parts[0].endswith(".parquet"):
        import pyarrow.parquet as pq  # only for Parquet output

        merged = os.path.join(out, "records.jsonl")
        with open(merged, "w", encoding="utf-8") as f:
            for p in parts:
                for rec in pq.read_table(p, columns=["record"]).column("record").to_pylist():
                    f.write(rec + "\n")
        return [merged]
    return parts


def run_store(a):
    files = record_files(a.out)
    if not files:
        sys.exit(f"{a.out}: no record parts (run the analyze stage first)")
    # Stored in one pass, in partition order: events merge across partitions as they arrive.
    cmd = [os.path.abspath(a.dateline), "ingest", "--records", *files, "--db", a.db]
    sys.exit(subprocess.run(cmd, check=False).returncode)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="stage", required=True)
    an = sub.add_parser("analyze", help="records from articles, a dateline process per partition")
    an.add_argument("inputs", nargs="+", help="JSON Lines files or WARC files (local or any Spark path)")
    an.add_argument("--out", required=True, help="output directory")
    an.add_argument("--out-format", choices=["jsonl", "parquet"], default="jsonl")
    an.add_argument("--partitions", type=int, default=2)
    an.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[2]"))
    an.add_argument("--dateline", default="target/release/dateline", help="the dateline binary on every worker")
    st = sub.add_parser("store", help="merge the records of every partition into one store")
    st.add_argument("out", help="the analyze stage's output directory")
    st.add_argument("--db", required=True)
    st.add_argument("--dateline", default="target/release/dateline")
    a = ap.parse_args()
    if a.stage == "analyze":
        run_analyze(a)
    else:
        run_store(a)


if __name__ == "__main__":
    main()
