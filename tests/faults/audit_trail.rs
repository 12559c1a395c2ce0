//! Security events reach the log at `info` and the audit table, which `mingjing audit list`
//! reads; neither holds the client's address or the person's name.

use std::time::Duration;

use serde_json::json;

use crate::process::{Collector, Log, admin};

const SITE: &str = "audit-site";
const ORIGIN: &str = "https://audit.example.gov.cn";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ins_are_in_the_audit_list_and_the_log_without_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let log = Log::default();
    admin(dir.path(), None, &["site", "add", "--name", "审计测试", "--origin", ORIGIN, "--id", SITE]);
    let added = admin(dir.path(), None, &["staff", "add", "--site", SITE, "--name", "欧阳明月"]);
    let code = added.lines().find_map(|l| l.strip_prefix("access_code=")).unwrap().to_owned();
    let id = added.lines().find_map(|l| l.strip_prefix("staff_id=")).unwrap().to_owned();
    let collector = Collector::start(dir.path(), None, &log);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let sign_in = |code: String| {
        client
            .post(format!("{}/api/v1/staff/session", collector.base))
            .json(&json!({ "site": SITE, "code": code }))
            .send()
    };
    assert_eq!(sign_in(format!("{id}-WRONGWRONGWR")).await.unwrap().status(), 401);
    assert_eq!(sign_in(code).await.unwrap().status(), 201);

    let listed = admin(dir.path(), None, &["audit", "list", "--site", SITE, "--since", "2020-01-01"]);
    let actions: Vec<&str> = listed.lines().filter_map(|l| l.split('\t').nth(3)).collect();
    assert_eq!(actions, ["sign_in", "sign_in_failed"], "newest first:\n{listed}");
    assert!(listed.lines().all(|l| l.split('\t').nth(2) == Some(&format!("staff:{id}"))), "{listed}");
    assert!(!listed.contains("127.0.0.1") && !listed.contains("欧阳明月"), "{listed}");
    let later = admin(dir.path(), None, &["audit", "list", "--since", "2099-01-01"]);
    assert_eq!(later, "", "--since leaves older entries out");

    collector.kill();
    let lines = log.lock().unwrap().clone();
    let events: Vec<&String> = lines.iter().filter(|l| l.contains("security event")).collect();
    assert_eq!(events.len(), 2, "both sign-ins are logged: {events:#?}");
    assert!(events.iter().all(|l| l.contains("INFO")), "at info: {events:#?}");
    for line in &lines {
        assert!(!line.contains("欧阳明月"), "a name in the log: {line}");
        if line.contains("security event") {
            assert!(!line.contains("127.0.0.1"), "an address in the log: {line}");
        }
    }
}
