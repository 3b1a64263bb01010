//! Reading a zip someone gives kindly, bounded: what it holds is known from its directory
//! without unpacking anything, and each entry is unpacked once, through a limit taken from
//! its own header and a hard cap, so a small crafted zip can't fill the memory.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::source::bad;
use crate::domain::InvalidInput;

/// The most kindly unpacks from one entry of a zip: far above any real journal's export.
pub const ENTRY_CAP: u64 = 256 * 1024 * 1024;

/// Whether these bytes are a zip at all.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// An opened zip: its directory read, nothing unpacked yet.
pub struct Zip<'a>(ZipArchive<Cursor<&'a [u8]>>);

impl<'a> Zip<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, InvalidInput> {
        ZipArchive::new(Cursor::new(bytes))
            .map(Zip)
            .map_err(|e| bad("the zip", format!("it can't be opened ({e})")))
    }

    /// The entries' names, as the zip's directory gives them.
    pub fn names(&self) -> Vec<String> {
        self.0
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// Unpacks the entry `name`, refusing one that says (or turns out) to be bigger than
    /// the cap, or that unpacks to more than its own header says.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, InvalidInput> {
        let shown = crate::domain::visible_line(name);
        let file = self
            .0
            .by_name(name)
            .map_err(|e| bad(&shown, format!("it can't be read ({e})")))?;
        let promised = file.size();
        let too_big = || {
            bad(
                &shown,
                "it unpacks to more than 256 MB, the most kindly reads from one file in a zip",
            )
        };
        if promised > ENTRY_CAP {
            return Err(too_big());
        }
        let mut out = Vec::with_capacity(promised.min(16 * 1024 * 1024) as usize);
        let read = file.take(promised + 1).read_to_end(&mut out);
        // The zip crate stops an entry that runs past its header too, with an error of its own.
        let past_header = match &read {
            Ok(_) => out.len() as u64 > promised,
            Err(e) => e.to_string().contains("larger than its declared"),
        };
        if past_header {
            return Err(bad(
                &shown,
                "it unpacks to more than its own header says, so it was left alone",
            ));
        }
        read.map_err(|e| bad(&shown, format!("it can't be unpacked ({e})")))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(name: &str, body: &[u8]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(body).unwrap();
        w.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn an_entry_reads_back_whole() {
        let bytes = zip_of("backup.daylio", b"hello");
        let mut zip = Zip::open(&bytes).unwrap();
        assert_eq!(zip.names(), ["backup.daylio"]);
        assert_eq!(zip.read("backup.daylio").unwrap(), b"hello");
    }

    #[test]
    fn an_entry_unpacking_past_its_header_is_refused() {
        let mut bytes = zip_of("a.json", &[b'x'; 4096]);
        // Both headers (local and central) now claim 10 bytes.
        let claim = 4096u32.to_le_bytes();
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(4).position(|w| w == claim) {
            bytes[at + i..at + i + 4].copy_from_slice(&10u32.to_le_bytes());
            at += i + 4;
        }
        let mut zip = Zip::open(&bytes).unwrap();
        let e = zip.read("a.json").unwrap_err().to_string();
        assert!(e.contains("more than its own header says"), "{e}");
    }
}
