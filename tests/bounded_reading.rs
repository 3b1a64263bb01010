//! Files built to exhaust the memory (a zip bomb, a note of a gigabyte) are refused with a
//! clear line, fast and small, before they are read whole; nothing is written.

use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::{TestJournal, kindly_process};

/// Deflate data (fixed Huffman codes) that unpacks to about 160 times its size in zeros:
/// one literal zero, then "copy 258 bytes from 1 back" again and again.
fn deflate_bomb(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 8);
    let (mut acc, mut bits) = (0u64, 0u32);
    let mut put = |value: u64, n: u32, out: &mut Vec<u8>| {
        acc |= value << bits;
        bits += n;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    };
    // Huffman codes go most significant bit first.
    let code = |c: u64, n: u32| (0..n).fold(0, |r, i| r | (((c >> i) & 1) << (n - 1 - i)));
    put(1, 1, &mut out); // the last block
    put(1, 2, &mut out); // fixed codes
    put(code(0x30, 8), 8, &mut out); // literal 0
    while out.len() < size {
        put(code(0b1100_0101, 8), 8, &mut out); // length 258
        put(0, 5, &mut out); // distance 1
    }
    put(0, 7, &mut out); // end of block
    put(0, 7, &mut out);
    out
}

/// A zip holding one deflated entry, its headers claiming `claimed` bytes unpacked.
fn zip_with(name: &str, data: &[u8], claimed: u32) -> Vec<u8> {
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    let mut z = Vec::new();
    let common = |z: &mut Vec<u8>| {
        z.extend(le16(20));
        z.extend(le16(0));
        z.extend(le16(8));
        z.extend(le32(0)); // time and date
        z.extend(le32(0)); // crc (never reached)
        z.extend(le32(data.len() as u32));
        z.extend(le32(claimed));
        z.extend(le16(name.len() as u16));
        z.extend(le16(0));
    };
    z.extend(le32(0x0403_4b50));
    common(&mut z);
    z.extend(name.as_bytes());
    z.extend(data);
    let cd = z.len() as u32;
    z.extend(le32(0x0201_4b50));
    z.extend(le16(20));
    common(&mut z);
    z.extend(le16(0)); // comment
    z.extend(le16(0)); // disk
    z.extend(le16(0)); // internal attributes
    z.extend(le32(0)); // external attributes
    z.extend(le32(0)); // local header at 0
    z.extend(name.as_bytes());
    let cd_size = z.len() as u32 - cd;
    z.extend(le32(0x0605_4b50));
    z.extend([0; 4]);
    z.extend(le16(1));
    z.extend(le16(1));
    z.extend(le32(cd_size));
    z.extend(le32(cd));
    z.extend(le16(0));
    z
}

/// Runs `kindly import FILE` on `db`: (exit code, stderr, how long, peak memory in MB).
fn import_measured(db: &Path, file: &Path) -> (i32, String, Duration, i64) {
    let mut cmd = kindly_process(db);
    cmd.arg("import").arg(file);
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let started = Instant::now();
    // Waited for below with wait4, which gives this child's own peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // This child's own figures, whatever other tests' children do meanwhile.
    let waited = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(waited, child.id() as i32);
    let took = started.elapsed();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, err, took, usage.ru_maxrss / 1024)
}

fn refused_small_and_fast(zip: Vec<u8>, name: &str, needle: &str) {
    let j = TestJournal::new();
    let file = j.file(name, zip);
    let (code, err, took, mb) = import_measured(&j.db, &file);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert!(mb < 300, "peak memory {mb} MB");
    assert!(!j.db.exists(), "nothing written");
}

#[test]
fn a_2_mb_daylio_bomb_is_refused_in_under_a_second_and_300_mb() {
    let data = deflate_bomb(2 * 1024 * 1024);
    // Honest about its size: refused from the header, nothing unpacked.
    refused_small_and_fast(
        zip_with("backup.daylio", &data, 0xFFFF_FFF0),
        "bomb.daylio",
        "more than 256 MB",
    );
    // Lying about it: unpacking stops just past what the header promised.
    refused_small_and_fast(
        zip_with("backup.daylio", &data, 1024 * 1024),
        "liar.daylio",
        "more than its own header says",
    );
}

#[test]
fn a_day_one_bomb_is_refused_the_same_way() {
    let data = deflate_bomb(2 * 1024 * 1024);
    refused_small_and_fast(
        zip_with("Journal.json", &data, 100 * 1024 * 1024),
        "dayone.zip",
        "more than its own header says",
    );
}

#[test]
fn a_note_over_10_mb_is_refused_with_one_line_before_it_is_read_whole() {
    let j = TestJournal::new();
    let big = vec![b'a'; 40 * 1024 * 1024];
    for args in [
        &["checkin", "--mood", "5", "--note", "-"][..],
        &["write"][..],
    ] {
        let out = common::kindly(&j.db)
            .args(args)
            .write_stdin(big.clone())
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("is over 10 MB"), "{err}");
        assert!(!j.db.exists(), "nothing written");
    }
    // Just under the limit is kept whole.
    let fits = "b".repeat(10 * 1024 * 1024);
    common::kindly(&j.db)
        .args(["write", "--title", "long"])
        .write_stdin(fits.clone())
        .assert()
        .success();
    assert_eq!(
        j.export()["entries"][0]["body"].as_str().unwrap().len(),
        fits.len()
    );
}

#[test]
fn an_import_holding_a_note_over_10_mb_is_refused() {
    let j = TestJournal::new();
    let doc = serde_json::json!({
        "format": "kindly", "version": 1,
        "checkins": [{"id": "0190a0c2-0000-7000-8000-000000000001", "at": "2026-01-05T10:00:00+00:00",
            "mood": 5, "energy": null, "emotions": [], "rituals": [], "kindness": null,
            "humanity": null, "mindfulness": null, "note": "c".repeat(11 * 1024 * 1024)}],
        "thoughts": [], "entries": [], "breaks": []
    });
    let file = j.file("big.json", doc.to_string());
    let (code, _, err) = common::run(
        &j.db,
        &["import", file.to_str().unwrap(), "--from", "kindly"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("holds a text over 10 MB"), "{err}");
    assert!(!j.db.exists());
}
