//! The SQLite and PostgreSQL migrations build the same schema: the same tables, with the same
//! columns, nullability and types once each dialect's type names are mapped to one name.

use std::collections::BTreeMap;

use mingjing_collector::storage::Storage;
use mingjing_tests::Backend;
use mingjing_tests::backend::postgres_skipped;

/// One column as both backends can describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    kind: String,
    not_null: bool,
}

/// Table name, then column name, in a stable order so a difference reads well.
type Schema = BTreeMap<String, BTreeMap<String, Column>>;

/// Maps each dialect's spelling of a type to one name; a type neither side is expected to
/// use stays visible as `unknown: …` and so fails the comparison rather than matching.
fn normalised(declared: &str) -> String {
    let kind = match declared.trim().to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "int" | "int8" | "int4" | "smallint" => "integer",
        "text" | "character varying" | "varchar" => "text",
        "boolean" | "bool" => "boolean",
        "blob" | "bytea" => "bytes",
        "real" | "double precision" => "real",
        other => return format!("unknown: {other}"),
    };
    kind.to_owned()
}

async fn sqlite_schema(storage: &Storage) -> Schema {
    let Storage::Sqlite(pool) = storage else { panic!("expected a SQLite storage") };
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk \
         FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for (table, column, declared, not_null, primary_key) in rows {
        // PostgreSQL makes every primary-key column NOT NULL. SQLite does so for an
        // `INTEGER PRIMARY KEY` (the rowid) but, for a legacy reason, not for other primary
        // keys unless the column says NOT NULL; the collector never writes a NULL key, so a
        // primary-key column counts as not null here.
        let column_value = Column { kind: normalised(&declared), not_null: not_null != 0 || primary_key != 0 };
        schema.entry(table).or_default().insert(column, column_value);
    }
    schema
}

async fn postgres_schema(storage: &Storage) -> Schema {
    let Storage::Postgres(pool) = storage else { panic!("expected a PostgreSQL storage") };
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for (table, column, declared, nullable) in rows {
        let column_value = Column { kind: normalised(&declared), not_null: nullable == "NO" };
        schema.entry(table).or_default().insert(column, column_value);
    }
    schema
}

/// Every difference between the two schemas, one line each, so a failure names them all.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut found = Vec::new();
    for table in sqlite.keys().chain(postgres.keys()).collect::<std::collections::BTreeSet<_>>() {
        let (Some(s), Some(p)) = (sqlite.get(table), postgres.get(table)) else {
            let only = if sqlite.contains_key(table) { "SQLite" } else { "PostgreSQL" };
            found.push(format!("table {table} exists only in {only}"));
            continue;
        };
        for column in s.keys().chain(p.keys()).collect::<std::collections::BTreeSet<_>>() {
            match (s.get(column), p.get(column)) {
                (Some(a), Some(b)) if a == b => {}
                (Some(a), Some(b)) => found.push(format!("{table}.{column}: SQLite {a:?}, PostgreSQL {b:?}")),
                (Some(_), None) => found.push(format!("{table}.{column} exists only in SQLite")),
                (None, _) => found.push(format!("{table}.{column} exists only in PostgreSQL")),
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_migrations_build_the_same_schema() {
    if postgres_skipped() {
        return;
    }
    let sqlite_db = Backend::Sqlite.fresh_database().await;
    let postgres_db = Backend::Postgres.fresh_database().await;
    let sqlite = Storage::open(&sqlite_db.url).await.unwrap();
    let postgres = Storage::open(&postgres_db.url).await.unwrap();
    let (sqlite, postgres) = (sqlite_schema(&sqlite).await, postgres_schema(&postgres).await);

    // The comparison must have something to compare: the first migration's tables at least.
    for table in ["sites", "reviews", "transactions"] {
        assert!(sqlite.contains_key(table), "SQLite has no table {table}: {:?}", sqlite.keys());
        assert!(postgres.contains_key(table), "PostgreSQL has no table {table}: {:?}", postgres.keys());
    }
    let found = differences(&sqlite, &postgres);
    assert!(found.is_empty(), "the migrations disagree:\n{}", found.join("\n"));
}

#[test]
fn differences_name_a_type_a_nullability_and_a_missing_column() {
    let column = |kind: &str, not_null| Column { kind: kind.to_owned(), not_null };
    let sqlite: Schema =
        [("t".to_owned(), [("a".to_owned(), column("integer", true)), ("b".to_owned(), column("text", false))].into())]
            .into();
    let postgres: Schema =
        [("t".to_owned(), [("a".to_owned(), column("text", true)), ("c".to_owned(), column("text", true))].into())]
            .into();
    let found = differences(&sqlite, &postgres);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(differences(&sqlite, &sqlite).is_empty());
    assert_eq!(normalised("BIGINT"), normalised("INTEGER"));
    assert_ne!(normalised("BYTEA"), normalised("TEXT"));
}
