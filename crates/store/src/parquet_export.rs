//! `dateline export --format parquet --out DIR`: the corpus as four Parquet files that pandas,
//! Spark and DuckDB read as they are — `articles.parquet` (one row per stored article, with its
//! whole record as JSON), and `events.parquet`, `figures.parquet`, `quotes.parquet` with the
//! rows and field names of `dateline events`, `figures` and `quotes --format json`. Columns are
//! typed as the JSON rows are: counts are 64-bit integers, figure counts doubles, `direct` a
//! boolean, `actors`, `recipients` and `reported_in` lists of strings, an empty value null.
//! Snappy-compressed (every reader has it).

use crate::query::{column_kind, list_items, ColumnKind};
use crate::{Filters, Result, Store, Table};
use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::path::Path;
use std::sync::Arc;

/// Rows written per file, by file name.
pub type Written = Vec<(String, usize)>;

/// Writes the four files into `dir` (made if missing); `status` filters the events as the
/// other exports do (`all` keeps every status).
pub fn export_parquet(store: &Store, status: &str, dir: &Path) -> Result<Written> {
    std::fs::create_dir_all(dir)?;
    let every = Filters {
        status: (status != "all").then(|| status.to_string()),
        ..Filters::default()
    };
    let tables = [
        ("articles.parquet", store.article_rows()?),
        ("events.parquet", store.events(&every)?),
        ("figures.parquet", store.figures(&Filters::default())?),
        ("quotes.parquet", store.quotes(&Filters::default())?),
    ];
    let mut written = Vec::new();
    for (name, table) in tables {
        write(&table, &dir.join(name))?;
        written.push((name.to_string(), table.rows.len()));
    }
    Ok(written)
}

impl Store {
    /// Every stored article with its metadata, text and record, in the order stored.
    fn article_rows(&self) -> Result<Table> {
        let mut stmt = self.connection().prepare(
            "SELECT record_id, COALESCE(title, ''), COALESCE(published, ''), COALESCE(outlet, ''),
                    COALESCE(source, ''), COALESCE(url, ''), COALESCE(path, ''), text, record
             FROM articles ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| (0..9).map(|i| r.get::<_, String>(i)).collect())?
            .collect::<rusqlite::Result<Vec<Vec<String>>>>()?;
        let columns = [
            "article",
            "title",
            "published",
            "outlet",
            "source",
            "url",
            "path",
            "text",
            "record",
        ];
        Ok(Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
            total: None,
        })
    }
}

/// The Parquet type of a column: as the JSON rows type it (`column_kind`).
fn kind(column: &str) -> DataType {
    match column_kind(column) {
        ColumnKind::List(_) => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        ColumnKind::Bool => DataType::Boolean,
        ColumnKind::Int => DataType::Int64,
        ColumnKind::Float => DataType::Float64,
        ColumnKind::Text => DataType::Utf8,
    }
}

fn column(table: &Table, i: usize) -> ArrayRef {
    let name = &table.columns[i];
    let cells = table.rows.iter().map(|r| r[i].as_str());
    match column_kind(name) {
        ColumnKind::Bool => Arc::new(BooleanArray::from(
            cells
                .map(|c| (!c.is_empty()).then_some(c == "true"))
                .collect::<Vec<_>>(),
        )),
        ColumnKind::Int => Arc::new(Int64Array::from(
            cells.map(|c| c.parse::<i64>().ok()).collect::<Vec<_>>(),
        )),
        ColumnKind::Float => Arc::new(Float64Array::from(
            cells.map(|c| c.parse::<f64>().ok()).collect::<Vec<_>>(),
        )),
        ColumnKind::List(separator) => {
            let mut list = ListBuilder::new(StringBuilder::new());
            for c in cells {
                for item in list_items(c, separator) {
                    list.values().append_value(item);
                }
                list.append(true);
            }
            Arc::new(list.finish())
        }
        ColumnKind::Text => Arc::new(StringArray::from(
            cells
                .map(|c| (!c.is_empty()).then_some(c))
                .collect::<Vec<_>>(),
        )),
    }
}

fn write(table: &Table, path: &Path) -> Result<()> {
    let fields: Vec<Field> = table
        .columns
        .iter()
        .map(|c| Field::new(c.replace(' ', "_"), kind(c), true))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let arrays: Vec<ArrayRef> = (0..table.columns.len()).map(|i| column(table, i)).collect();
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(parquet_error)?;
    let file = std::fs::File::create(path)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(file, schema, Some(props)).map_err(parquet_error)?;
    writer.write(&batch).map_err(parquet_error)?;
    writer.close().map_err(parquet_error)?;
    Ok(())
}

fn parquet_error(e: impl std::fmt::Display) -> crate::Error {
    crate::Error::Io(std::io::Error::other(format!("writing Parquet: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn the_files_hold_every_row_with_typed_columns() {
        let dir = std::env::temp_dir().join(format!("dateline-parquet-{}", std::process::id()));
        let table = Table {
            columns: ["event", "type", "actors", "count", "direct"]
                .iter()
                .map(|c| c.to_string())
                .collect(),
            rows: vec![
                vec![
                    "7".into(),
                    "CONSULT".into(),
                    "A; B".into(),
                    "12".into(),
                    "true".into(),
                ],
                vec!["".into(), "".into(), "".into(), "".into(), "".into()],
            ],
            total: None,
        };
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.parquet");
        write(&table, &path).unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        let schema = reader.metadata().file_metadata().schema_descr();
        let names: Vec<String> = (0..schema.num_columns())
            .map(|i| schema.column(i).name().to_string())
            .collect();
        // The list column's leaf is its item.
        assert_eq!(names, ["event", "type", "item", "count", "direct"]);
        let rows: Vec<String> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap().to_string())
            .collect();
        assert!(
            rows[0].contains("event: 7") && rows[0].contains("actors: [\"A\", \"B\"]"),
            "{rows:?}"
        );
        assert!(
            rows[1].contains("event: null") && rows[1].contains("actors: []"),
            "{rows:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
