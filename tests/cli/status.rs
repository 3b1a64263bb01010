//! `kindly status`.

use super::*;

#[test]
fn status_says_plainly_whether_there_is_a_checkin_today() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let status = |fmt: &str| {
        let out = kindly(&db)
            .args(["status", "--format", fmt])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "status always exits 0");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        status("text"),
        "kindly: no check-ins yet. Whenever you like: kindly\n"
    );
    assert!(!db.exists(), "a prompt never creates the journal");
    kindly(&db)
        .args(["checkin", "--mood", "4", "--at", "2026-01-05 10:00"])
        .assert()
        .success();
    assert_eq!(
        status("text"),
        "kindly: no check-in yet today (last mood 4, Mon 5 Jan). Whenever you like: kindly\n"
    );
    kindly(&db)
        .args(["checkin", "--mood", "6"])
        .assert()
        .success();
    assert_eq!(status("text"), "kindly: checked in today; mood 6.\n");
    kindly(&db)
        .args(["checkin", "--mood", "8"])
        .assert()
        .success();
    assert_eq!(
        status("text"),
        "kindly: checked in 2 times today; latest mood 8.\n"
    );
    let json: serde_json::Value = serde_json::from_str(&status("json")).unwrap();
    assert_eq!(json["checked_in_today"], true);
    assert_eq!(json["today"], 2);
    assert_eq!(json["last_mood"], 8);
    for word in ["missed", "streak", "failed", "forgot"] {
        assert!(!status("text").contains(word));
    }
}
