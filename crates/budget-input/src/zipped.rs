//! Zip containers (.xlsx, .docx) opened with bounds: few enough entries, and a total
//! uncompressed size under the limit, checked by actually inflating each entry (a zip bomb can
//! lie about sizes in its headers) before anything else reads them.

use std::io::{self, Cursor, Read};

use zip::ZipArchive;

use crate::limits::{MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};
use crate::{Format, InputError};

pub(crate) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Opens a zip container and checks its entries against the limits.
pub(crate) fn open(bytes: &[u8], format: Format) -> Result<Archive<'_>, InputError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(format, e))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(InputError::ZipBomb {
            format,
            what: format!("{} entries, limit {MAX_ZIP_ENTRIES}", zip.len()),
        });
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| damaged(format, e))?;
        let declared = entry.size();
        let budget = MAX_UNZIPPED_BYTES - total;
        // Read one byte more than allowed to see whether the entry goes past it.
        let limit = declared.min(budget).saturating_add(1);
        let actual = io::copy(&mut (&mut entry).take(limit), &mut io::sink())
            .map_err(|e| damaged(format, e))?;
        if actual > budget {
            return Err(bomb(format));
        }
        if actual > declared {
            return Err(damaged(format, "an entry is larger than its header says"));
        }
        total += actual;
    }
    Ok(zip)
}

/// The bytes of one entry (sizes were checked by [`open`]); `None` when there is no such entry.
pub(crate) fn read(
    zip: &mut Archive<'_>,
    name: &str,
    format: Format,
) -> Result<Option<Vec<u8>>, InputError> {
    let mut entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(format, e)),
    };
    let mut out = Vec::new();
    (&mut entry)
        .take(MAX_UNZIPPED_BYTES)
        .read_to_end(&mut out)
        .map_err(|e| damaged(format, e))?;
    Ok(Some(out))
}

pub(crate) fn damaged(format: Format, reason: impl ToString) -> InputError {
    InputError::Damaged {
        format,
        reason: reason.to_string(),
    }
}

fn bomb(format: Format) -> InputError {
    InputError::ZipBomb {
        format,
        what: format!("more than {} MiB uncompressed", MAX_UNZIPPED_BYTES >> 20),
    }
}
