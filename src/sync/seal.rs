//! Sealing what goes into the folder: encrypted to the folder's key and signed with a key
//! only holders of the sync passphrase have, so a file anyone else wrote is never applied.
//!
//! The signing key is derived from the folder's secret (which is kept in the folder only
//! under the sync passphrase, and in each journal that joined): the public key in
//! `kindly-sync.json` can encrypt a file, but it can't sign one. A sealed file is
//! `kindly-sync/2\n`, then the 64-byte Ed25519 signature, then the age ciphertext. The
//! signature covers the device folder the file sits in, so a file can't be passed off as
//! another computer's.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

/// What every sealed file starts with.
const MAGIC: &[u8] = b"kindly-sync/2\n";
/// The largest file an exchange reads; anything bigger is set aside unread.
pub const MAX_FILE: u64 = 256 * 1024 * 1024;

/// Why a file in the folder wasn't opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Written by an earlier kindly, before change files were signed.
    Unsigned,
    /// Its signature doesn't hold: someone without the sync passphrase wrote or changed it.
    Forged,
    /// The signature holds but the content can't be opened (not expected; treated as damage).
    Unreadable,
    /// Cut short or damaged on the way (a sync engine still copying, or a damaged copy).
    Damaged,
    /// Written by a newer kindly, in a format this one doesn't know.
    Newer,
}

/// The folder's keys as this journal holds them.
pub struct Keys {
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
    signing: SigningKey,
    verifying: VerifyingKey,
}

impl Keys {
    /// From the folder's secret (an age identity string). `None` if it isn't one.
    pub fn from_secret(secret: &str) -> Option<Keys> {
        let identity: age::x25519::Identity = secret.trim().parse().ok()?;
        let recipient = identity.to_public();
        let mut hash = Sha256::new();
        hash.update(b"kindly sync signing key, version 1\0");
        hash.update(secret.trim().as_bytes());
        let seed: [u8; 32] = hash.finalize().into();
        let signing = SigningKey::from_bytes(&seed);
        let verifying = signing.verifying_key();
        Some(Keys {
            identity,
            recipient,
            signing,
            verifying,
        })
    }

    /// Encrypts and signs `plain` as a file of `device`'s folder.
    pub fn seal(&self, device: &str, plain: &[u8]) -> std::io::Result<Vec<u8>> {
        let sealed = age::encrypt(&self.recipient, plain)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let signature = self.signing.sign(&message(device, &sealed));
        let mut out = Vec::with_capacity(MAGIC.len() + 64 + sealed.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&signature.to_bytes());
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Checks the signature of a file found in `device`'s folder, then opens it.
    pub fn open(&self, device: &str, bytes: &[u8]) -> Result<Vec<u8>, Refused> {
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            // An age file from an earlier kindly starts with its own header; anything
            // else is a newer kindly's, a file cut short before its first line, or not
            // ours at all.
            return Err(if bytes.starts_with(b"age-encryption.org/") {
                Refused::Unsigned
            } else if MAGIC.starts_with(bytes) {
                Refused::Damaged
            } else if newer(bytes) {
                Refused::Newer
            } else {
                Refused::Forged
            });
        };
        if rest.len() < 64 {
            return Err(Refused::Damaged);
        }
        let (signature, sealed) = rest.split_at(64);
        let signature = Signature::from_slice(signature).map_err(|_| Refused::Damaged)?;
        if self
            .verifying
            .verify(&message(device, sealed), &signature)
            .is_err()
        {
            // A file still being copied, or damaged, fails here too, but then it doesn't
            // open either; one that opens whole was made by someone without the key.
            return Err(if age::decrypt(&self.identity, sealed).is_ok() {
                Refused::Forged
            } else {
                Refused::Damaged
            });
        }
        age::decrypt(&self.identity, sealed).map_err(|_| Refused::Unreadable)
    }
}

/// Whether `bytes` start as a later format of kindly's sealed files (`kindly-sync/N`).
fn newer(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"kindly-sync/") else {
        return false;
    };
    let digits: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(u8::is_ascii_digit)
        .collect();
    rest.get(digits.len()) == Some(&b'\n')
        && std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse::<u32>().ok())
            .is_some_and(|n| n > super::change::FORMAT)
}

fn message(device: &str, sealed: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(device.len() + sealed.len() + 32);
    m.extend_from_slice(b"kindly sync change file\0");
    m.extend_from_slice(device.as_bytes());
    m.push(0);
    m.extend_from_slice(sealed);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Keys {
        {
            use age::secrecy::ExposeSecret;
            let identity = age::x25519::Identity::generate();
            Keys::from_secret(identity.to_string().expose_secret()).unwrap()
        }
    }

    #[test]
    fn a_sealed_file_opens_with_the_same_keys_in_the_same_folder() {
        let k = keys();
        let sealed = k.seal("dev-a", b"hello").unwrap();
        assert_eq!(k.open("dev-a", &sealed).unwrap(), b"hello");
        assert_eq!(k.open("dev-b", &sealed), Err(Refused::Forged));
    }

    #[test]
    fn a_file_encrypted_with_only_the_public_key_is_refused() {
        let k = keys();
        let forged = age::encrypt(&k.recipient, b"not yours").unwrap();
        assert_eq!(k.open("dev-a", &forged), Err(Refused::Unsigned));
        let mut with_magic = MAGIC.to_vec();
        with_magic.extend_from_slice(&[7u8; 64]);
        with_magic.extend_from_slice(&forged);
        assert_eq!(k.open("dev-a", &with_magic), Err(Refused::Forged));
    }

    #[test]
    fn another_folders_keys_cant_open_or_sign() {
        let (a, b) = (keys(), keys());
        let sealed = a.seal("dev", b"words").unwrap();
        // Neither signed nor readable with this folder's keys: it can't be told from damage.
        assert_eq!(b.open("dev", &sealed), Err(Refused::Damaged));
    }

    #[test]
    fn a_flipped_bit_or_a_cut_is_never_opened() {
        let k = keys();
        let sealed = k.seal("dev", b"some words").unwrap();
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(k.open("dev", &flipped).is_err());
        assert!(k.open("dev", &sealed[..sealed.len() / 2]).is_err());
        assert_eq!(k.open("dev", &sealed[..5]), Err(Refused::Damaged));
    }
}
