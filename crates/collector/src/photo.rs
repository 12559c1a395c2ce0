//! Supervisors' photos: JPEG or PNG, known by their content rather than their name, at most
//! 2 MB, and stored only after every metadata block (EXIF with its GPS position, XMP,
//! comments, text chunks) has been removed.

use img_parts::Bytes;
use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;

/// The largest photo accepted, in bytes.
pub const MAX_PHOTO_BYTES: usize = 2 * 1024 * 1024;

/// Why a photo was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("a photo is at most 2 MB")]
    TooLarge,
    #[error("only JPEG and PNG photos are accepted")]
    NotAnImage,
    #[error("the photo is damaged and cannot be read")]
    Damaged,
}

/// A checked photo with its metadata removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanPhoto {
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

pub fn clean(data: &[u8]) -> Result<CleanPhoto, PhotoError> {
    if data.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return clean_jpeg(data);
    }
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return clean_png(data);
    }
    Err(PhotoError::NotAnImage)
}

/// Keeps only what draws the picture: JFIF (APP0), the ICC colour profile (APP2) and
/// Adobe's colour transform (APP14). Every other APPn (EXIF and XMP live in APP1) and
/// every comment goes.
fn clean_jpeg(data: &[u8]) -> Result<CleanPhoto, PhotoError> {
    let mut jpeg = Jpeg::from_bytes(Bytes::copy_from_slice(data)).map_err(|_| PhotoError::Damaged)?;
    use markers::{SOF0, SOF1, SOF2, SOF3, SOF5, SOF6, SOF7, SOF9, SOF10, SOF11, SOF13, SOF14, SOF15};
    let has_frame = jpeg.segments().iter().any(|s| {
        matches!(
            s.marker(),
            SOF0 | SOF1 | SOF2 | SOF3 | SOF5 | SOF6 | SOF7 | SOF9 | SOF10 | SOF11 | SOF13 | SOF14 | SOF15
        )
    });
    let has_scan = jpeg.segments().iter().any(|s| s.marker() == markers::SOS);
    if !(has_frame && has_scan) {
        return Err(PhotoError::Damaged);
    }
    jpeg.segments_mut().retain(|s| {
        let m = s.marker();
        let app = (markers::APP0..=markers::APP15).contains(&m);
        let kept_app = matches!(m, markers::APP0 | markers::APP2 | markers::APP14);
        m != markers::COM && (!app || kept_app)
    });
    Ok(CleanPhoto { media_type: "image/jpeg", bytes: jpeg.encoder().bytes().to_vec() })
}

/// Keeps the chunks that draw the picture; drops EXIF, text, time and any other ancillary
/// chunk that could carry where or when it was taken.
fn clean_png(data: &[u8]) -> Result<CleanPhoto, PhotoError> {
    let mut png = Png::from_bytes(Bytes::copy_from_slice(data)).map_err(|_| PhotoError::Damaged)?;
    let has = |kind: &[u8; 4]| png.chunks().iter().any(|c| &c.kind() == kind);
    if !(has(b"IHDR") && has(b"IDAT") && has(b"IEND")) {
        return Err(PhotoError::Damaged);
    }
    const KEPT: [&[u8; 4]; 10] =
        [b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"pHYs"];
    png.chunks_mut().retain(|c| KEPT.contains(&&c.kind()));
    Ok(CleanPhoto { media_type: "image/png", bytes: png.encoder().bytes().to_vec() })
}
