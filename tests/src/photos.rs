//! Real photos for the supervisor tests: small JPEG and PNG images that carry location
//! metadata (EXIF GPS in the JPEG, EXIF and a text chunk in the PNG), as a phone's would.

use image::{ImageFormat, Rgb, RgbImage};
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::{Png, PngChunk};
use img_parts::{Bytes, ImageEXIF};

/// The latitude written into the GPS block, as its EXIF rationals: 25/1, 2/1, 3456/100
/// (Kunming). A stored photo must not contain these bytes.
pub const GPS_LATITUDE: [u8; 24] = [0, 0, 0, 25, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0x0D, 0x80, 0, 0, 0, 100];

fn picture(format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(96, 64, |x, y| Rgb([(x * 2) as u8, (y * 3) as u8, 160]));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, format).expect("encode the test picture");
    out.into_inner()
}

/// A big-endian TIFF block whose IFD0 points to a GPS IFD with a latitude.
fn exif_with_gps() -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0: one entry, GPSInfo (0x8825, LONG) -> offset 26; next IFD 0.
    tiff.extend([0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    // GPS IFD at 26: GPSLatitudeRef "N" and GPSLatitude (3 RATIONALs at offset 56).
    tiff.extend([0, 2]);
    tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend([0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]);
    tiff.extend([0, 0, 0, 0]);
    tiff.extend(GPS_LATITUDE);
    tiff
}

/// A JPEG with EXIF GPS and a comment, as a phone camera writes one.
pub fn jpeg_with_gps() -> Vec<u8> {
    let mut jpeg = Jpeg::from_bytes(Bytes::from(picture(ImageFormat::Jpeg))).expect("our own JPEG");
    jpeg.set_exif(Some(Bytes::from(exif_with_gps())));
    let comment = JpegSegment::new_with_contents(markers::COM, Bytes::from_static(b"taken at 25.0341N 102.7"));
    jpeg.segments_mut().insert(2, comment);
    jpeg.encoder().bytes().to_vec()
}

/// A PNG with an EXIF chunk and a text chunk naming a place.
pub fn png_with_metadata() -> Vec<u8> {
    let mut png = Png::from_bytes(Bytes::from(picture(ImageFormat::Png))).expect("our own PNG");
    png.set_exif(Some(Bytes::from(exif_with_gps())));
    let text = PngChunk::new(*b"tEXt", Bytes::from_static(b"Location\0Kunming Chenggong"));
    let at = png.chunks().len() - 1;
    png.chunks_mut().insert(at, text);
    png.encoder().bytes().to_vec()
}

/// A real JPEG padded with comment segments to `size` bytes.
pub fn jpeg_of_size(size: usize) -> Vec<u8> {
    let mut jpeg = Jpeg::from_bytes(Bytes::from(picture(ImageFormat::Jpeg))).expect("our own JPEG");
    let filler = Bytes::from(vec![b'x'; 60_000]);
    while jpeg.clone().encoder().bytes().len() < size {
        jpeg.segments_mut().insert(1, JpegSegment::new_with_contents(markers::COM, filler.clone()));
    }
    jpeg.encoder().bytes().to_vec()
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
