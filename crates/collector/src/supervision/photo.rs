//! Supervisors' photos: JPEG or PNG, known by their content rather than their name, at most
//! 2 MB. What is stored is never the uploaded file: its picture is decoded, turned upright
//! by its EXIF orientation and encoded again, so nothing of the file survives but the
//! pixels and the colour profile. No EXIF (with the GPS position and the camera), XMP,
//! comments or text chunks, and no second image or other bytes after the first, where
//! phones put their MPF images and where any tool can hide anything.
//!
//! Decoding runs under limits checked against the file's header before any pixel is
//! decoded, so a few kilobytes that claim 20,000 × 20,000 pixels are refused, not unpacked.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageError, ImageFormat, ImageReader, Limits};

/// The largest photo accepted, in bytes.
pub const MAX_PHOTO_BYTES: usize = 2 * 1024 * 1024;

/// The widest and tallest picture accepted, in pixels: more than any phone camera writes
/// into 2 MB (a 48-megapixel sensor is 8,000 pixels wide).
pub const MAX_PHOTO_SIDE: u32 = 8192;

/// The most memory the decoded pixels may take: 8,192 × 5,461 in RGB.
const MAX_DECODED_BYTES: u64 = 128 * 1024 * 1024;

/// Close to what phone cameras write, so a photo neither grows much nor visibly loses.
const JPEG_QUALITY: u8 = 90;

/// Why a photo was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("a photo is at most 2 MB")]
    TooLarge,
    #[error("only JPEG and PNG photos are accepted")]
    NotAnImage,
    #[error("the photo is damaged and cannot be read")]
    Damaged,
    #[error("a photo is at most 8192 pixels wide and 8192 high")]
    TooManyPixels,
}

/// A checked photo, encoded afresh from its pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanPhoto {
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Checks a photo and encodes its picture again, upright and without anything else. It
/// takes a core for a few hundred milliseconds for a 12-megapixel phone photo (mostly the
/// JPEG encoding): call it off the async workers.
pub fn clean(data: &[u8]) -> Result<CleanPhoto, PhotoError> {
    if data.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageFormat::Jpeg
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else {
        return Err(PhotoError::NotAnImage);
    };
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    reader.limits(limits());
    // The decoder reads the header only, and checks the dimensions against the limits.
    let mut decoder = reader.into_decoder().map_err(refused)?;
    limits().reserve(decoder.total_bytes()).map_err(refused)?;
    let orientation = decoder.orientation().map_err(refused)?;
    let icc_profile = decoder.icc_profile().map_err(refused)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refused)?;
    picture.apply_orientation(orientation);
    let bytes = match format {
        ImageFormat::Png => encode_png(&picture, icc_profile)?,
        _ => encode_jpeg(picture, icc_profile)?,
    };
    let media_type = if format == ImageFormat::Png { "image/png" } else { "image/jpeg" };
    Ok(CleanPhoto { media_type, bytes })
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PHOTO_SIDE);
    limits.max_image_height = Some(MAX_PHOTO_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    limits
}

fn refused(error: ImageError) -> PhotoError {
    match error {
        ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Damaged,
    }
}

fn encode_jpeg(picture: DynamicImage, icc_profile: Option<Vec<u8>>) -> Result<Vec<u8>, PhotoError> {
    // JPEG holds grey or colour without transparency; a decoded JPEG is one of the two.
    let picture = match picture {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => picture,
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    };
    let mut out = Vec::new();
    write(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY), &picture, icc_profile)?;
    Ok(out)
}

fn encode_png(picture: &DynamicImage, icc_profile: Option<Vec<u8>>) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    write(PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive), picture, icc_profile)?;
    Ok(out)
}

fn write(mut encoder: impl ImageEncoder, picture: &DynamicImage, icc: Option<Vec<u8>>) -> Result<(), PhotoError> {
    // Both encoders take a profile; were one not to, the picture would still be right in sRGB.
    if let Some(profile) = icc {
        let _ = encoder.set_icc_profile(profile);
    }
    // Both encoders take every layout the decoders give them (after `encode_jpeg`'s
    // conversion), so this fails only for a picture that did not decode properly.
    encoder
        .write_image(picture.as_bytes(), picture.width(), picture.height(), picture.color().into())
        .map_err(|_| PhotoError::Damaged)
}
