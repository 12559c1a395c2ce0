//! What the collector keeps on disk is for the account it runs as: the data directory
//! 0700, the SQLite database and its -wal and -shm files 0600, whatever the umask.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use mingjing_collector::cli::DatabaseArgs;
use mingjing_tests::backend::TestDatabase;
use mingjing_tests::builders::review;
use mingjing_tests::{Backend, TestApp};
use reqwest::StatusCode;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

async fn store_a_review(app: &TestApp, key: &str) {
    assert_eq!(app.post_json("/api/v1/reviews", &review("S1", 4, key)).await.status(), StatusCode::CREATED);
}

fn assert_database_private(data_dir: &Path) {
    for file in ["mingjing.db", "mingjing.db-wal", "mingjing.db-shm"] {
        assert_eq!(mode(&data_dir.join(file)), 0o600, "{file}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_data_directory_and_its_database_are_private() {
    let parent = tempfile::tempdir().unwrap();
    let data_dir = parent.path().join("fresh").join("data");
    // What `mingjing serve` does with `--data-dir` and no `--database`.
    let url = DatabaseArgs { data_dir: data_dir.clone(), database: None }.url().unwrap();
    assert_eq!(mode(&data_dir), 0o700, "the data directory");
    assert_eq!(mode(&parent.path().join("fresh")), 0o700, "a directory created on the way");
    let app = TestApp::spawn_on(Backend::Sqlite, TestDatabase::sqlite(parent, url)).await;
    store_a_review(&app, "private-files-00001").await;
    assert_database_private(&data_dir);

    // A database named with --database in a directory that does not exist yet.
    let parent = tempfile::tempdir().unwrap();
    let elsewhere = parent.path().join("elsewhere");
    let url = elsewhere.join("mingjing.db").to_string_lossy().into_owned();
    let other = TestApp::spawn_on(Backend::Sqlite, TestDatabase::sqlite(parent, url)).await;
    store_a_review(&other, "private-files-00002").await;
    assert_eq!(mode(&elsewhere), 0o700, "the database's directory");
    assert_database_private(&elsewhere);
    other.stop().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_database_readable_by_others_is_made_private_on_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mingjing.db");
    let url = path.to_string_lossy().into_owned();
    let mut app = TestApp::spawn_on(Backend::Sqlite, TestDatabase::sqlite(dir, url)).await;
    store_a_review(&app, "private-files-00003").await;
    app.take_down().await;
    // As an earlier version, a copy or a restore from backup may have left it.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    app.bring_back().await;
    store_a_review(&app, "private-files-00004").await;
    assert_database_private(path.parent().unwrap());
    app.stop().await;
}
