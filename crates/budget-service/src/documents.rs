//! The documents bucket: a JetStream object store that keeps a submitted document's bytes under
//! its id, so that a document of any size up to `budget_input::MAX_INPUT_BYTES` travels through
//! the streams as a [`pb::StoredDocument`] reference (a NATS message holds 1 MiB by default).
//! Documents up to [`INLINE_LIMIT`] travel inside the messages instead. The bucket has the streams' age limit, replicas and storage; a document's bytes
//! are removed once its result is recorded (the report service), whether it was checked or
//! failed.

use anyhow::Context as _;
use async_nats::jetstream::object_store::{
    self, GetErrorKind, InfoErrorKind, ObjectInfo, ObjectStore,
};
use async_nats::jetstream::stream::StorageType;
use async_nats::jetstream::Context;
use base64::Engine as _;
use budget_proto::pb;
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt as _;

use crate::config::Names;
use crate::topology::StreamSettings;

/// The largest document that travels inside the messages instead of the bucket. Storing a
/// document as an object and reading it back costs the NATS server several times the CPU of the
/// message itself (an ephemeral consumer per read, a purge per removal), and most disclosures
/// in text, HTML or a spreadsheet are far smaller than this.
pub const INLINE_LIMIT: usize = 256 * 1024;

/// Whether a document of `size` bytes travels inside the messages (see [`INLINE_LIMIT`]).
pub fn travels_inline(size: usize) -> bool {
    size <= INLINE_LIMIT
}

/// Why a stored document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not in the bucket (any more): removed after its result, or older than the age limit.
    #[error("the document's bytes are no longer stored (removed after its result, or expired)")]
    Missing,
    /// The bytes are not what the reference says: a damaged or forged upload.
    #[error("the stored document does not match its reference: {0}")]
    Mismatch(String),
    /// NATS could not be asked; a later try may succeed.
    #[error("cannot read the stored document: {0}")]
    Unavailable(String),
}

/// The documents bucket of one pipeline.
#[derive(Clone)]
pub struct Documents {
    store: ObjectStore,
    bucket: String,
}

impl Documents {
    /// Opens the bucket, creating it when missing (services start in any order).
    pub async fn ensure(
        js: &Context,
        names: &Names,
        settings: &StreamSettings,
    ) -> anyhow::Result<Documents> {
        let bucket = names.documents_bucket.clone();
        let store = match js.get_object_store(&bucket).await {
            Ok(store) => store,
            Err(_) => create(js, &bucket, settings).await?,
        };
        Ok(Documents { store, bucket })
    }

    /// Opens the bucket the services created; `None` when it does not exist (no service ran).
    pub async fn open(js: &Context, names: &Names) -> Option<Documents> {
        let bucket = names.documents_bucket.clone();
        let store = js.get_object_store(&bucket).await.ok()?;
        Some(Documents { store, bucket })
    }

    /// The bucket's name.
    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// Stores `bytes` under their SHA-256 and returns the reference. Bytes already stored (the
    /// same document submitted again) are not uploaded a second time.
    pub async fn put(&self, bytes: &[u8]) -> anyhow::Result<pb::StoredDocument> {
        let reference = reference_of(bytes);
        let stored = self.info(&reference.object).await?;
        if stored.is_some_and(|info| holds(&info, &reference, &digest_of(bytes))) {
            return Ok(reference);
        }
        let mut reader = bytes;
        self.store
            .put(reference.object.as_str(), &mut reader)
            .await
            .with_context(|| format!("cannot store the document in bucket {}", self.bucket))?;
        Ok(reference)
    }

    /// What the bucket holds under `object`, if anything.
    pub async fn info(&self, object: &str) -> anyhow::Result<Option<ObjectInfo>> {
        match self.store.info(object).await {
            Ok(info) if !info.deleted => Ok(Some(info)),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == InfoErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot look into bucket {}", self.bucket)),
        }
    }

    /// The bytes `reference` names, checked against its size and SHA-256.
    pub async fn fetch(&self, reference: &pb::StoredDocument) -> Result<Vec<u8>, FetchError> {
        let size = usize::try_from(reference.size)
            .map_err(|_| FetchError::Mismatch(format!("a size of {} bytes", reference.size)))?;
        let store = self.store.clone();
        let object = reference.object.clone();
        // The client's reader panics when it cannot create its consumer; a task of its own
        // turns that into an error for this one document.
        let read = tokio::spawn(async move { read_object(&store, &object, size).await });
        let bytes = read
            .await
            .map_err(|e| FetchError::Unavailable(e.to_string()))??;
        if bytes.len() != size {
            return Err(FetchError::Mismatch(format!(
                "{} bytes instead of {size}",
                bytes.len()
            )));
        }
        let actual = budget_proto::sha256_hex(&bytes);
        if actual != reference.sha256 {
            return Err(FetchError::Mismatch(format!("SHA-256 {actual}")));
        }
        Ok(bytes)
    }

    /// Removes a document's bytes; a document no longer stored is fine.
    pub async fn remove(&self, object: &str) -> anyhow::Result<()> {
        if self.info(object).await?.is_none() {
            return Ok(());
        }
        self.store
            .delete(object)
            .await
            .with_context(|| format!("cannot remove {object} from bucket {}", self.bucket))
    }
}

/// Creates the bucket; another service may have created it meanwhile, then that one is opened.
async fn create(
    js: &Context,
    bucket: &str,
    settings: &StreamSettings,
) -> anyhow::Result<ObjectStore> {
    let created = js
        .create_object_store(bucket_config(bucket, settings))
        .await;
    match created {
        Ok(store) => Ok(store),
        Err(create_error) => js
            .get_object_store(bucket)
            .await
            .map_err(|_| create_error)
            .with_context(|| format!("cannot create bucket {bucket}")),
    }
}

/// The bucket's configuration: the age limit and replicas of the streams, on file.
pub fn bucket_config(bucket: &str, settings: &StreamSettings) -> object_store::Config {
    object_store::Config {
        bucket: bucket.to_string(),
        description: Some("the bytes of submitted documents, by document id".into()),
        max_age: settings.max_age,
        storage: StorageType::File,
        num_replicas: settings.replicas,
        ..Default::default()
    }
}

async fn read_object(
    store: &ObjectStore,
    object: &str,
    size: usize,
) -> Result<Vec<u8>, FetchError> {
    let mut reader = match store.get(object).await {
        Ok(reader) => reader,
        Err(e) if e.kind() == GetErrorKind::NotFound => return Err(FetchError::Missing),
        Err(e) => return Err(FetchError::Unavailable(e.to_string())),
    };
    // One byte more than expected tells a larger object from one of the right size.
    let mut bytes = Vec::with_capacity(size);
    (&mut reader)
        .take(size as u64 + 1)
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => FetchError::Mismatch(e.to_string()),
            _ => FetchError::Unavailable(e.to_string()),
        })?;
    Ok(bytes)
}

/// The reference of `bytes` stored under their SHA-256.
pub fn reference_of(bytes: &[u8]) -> pb::StoredDocument {
    let sha256 = budget_proto::sha256_hex(bytes);
    pb::StoredDocument {
        object: sha256.clone(),
        size: bytes.len() as u64,
        sha256,
    }
}

/// The digest as the object store writes it in an object's info.
fn digest_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    format!(
        "SHA-256={}",
        base64::engine::general_purpose::URL_SAFE.encode(digest)
    )
}

/// Whether a stored object holds the bytes of `reference` (size and digest).
fn holds(info: &ObjectInfo, reference: &pb::StoredDocument, digest: &str) -> bool {
    info.size as u64 == reference.size && info.digest.as_deref() == Some(digest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_reference_names_the_bytes_by_their_sha256() {
        let reference = reference_of(b"abc");
        assert_eq!(
            reference.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(reference.object, reference.sha256);
        assert_eq!(reference.size, 3);
    }

    #[test]
    fn the_digest_is_written_as_the_object_store_writes_it() {
        // The SHA-256 of "abc" in URL-safe base64, as nats.go and nats.rs write it.
        assert_eq!(
            digest_of(b"abc"),
            "SHA-256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0="
        );
    }

    #[test]
    fn the_bucket_keeps_what_the_streams_keep() {
        let settings = StreamSettings {
            replicas: 3,
            dedup_window: Duration::from_secs(600),
            max_age: Duration::from_secs(7 * 86400),
            handover_storage: crate::config::HandOverStorage::Memory,
        };
        let config = bucket_config("budget-documents", &settings);
        assert_eq!(config.max_age, settings.max_age);
        assert_eq!(config.num_replicas, 3);
        assert_eq!(config.storage, StorageType::File);
    }
}
