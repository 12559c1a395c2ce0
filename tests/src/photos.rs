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

/// The camera make written into the EXIF block of [`jpeg_with_secondary_image`].
pub const CAMERA_MAKE: &[u8] = b"MingjingTestCam";

/// A big-endian TIFF block whose IFD0 points to a GPS IFD with a latitude.
fn exif_with_gps() -> Vec<u8> {
    exif(None, None, true)
}

/// A big-endian TIFF block (what an EXIF segment holds) with, in IFD0, the camera make, the
/// orientation and a pointer to a GPS IFD with a latitude, as asked.
fn exif(make: Option<&[u8]>, orientation: Option<u16>, gps: bool) -> Vec<u8> {
    let count = usize::from(make.is_some()) + usize::from(orientation.is_some()) + usize::from(gps);
    let after_ifd0 = 8 + 2 + 12 * count + 4;
    let mut entries = Vec::new();
    let mut data = Vec::new();
    let offset = |data: &Vec<u8>| ((after_ifd0 + data.len()) as u32).to_be_bytes();
    if let Some(make) = make {
        let mut text = make.to_vec();
        text.push(0);
        entries.extend([0x01, 0x0F, 0, 2]);
        entries.extend((text.len() as u32).to_be_bytes());
        entries.extend(offset(&data));
        if text.len() % 2 == 1 {
            text.push(0);
        }
        data.extend(text);
    }
    if let Some(orientation) = orientation {
        entries.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        entries.extend(orientation.to_be_bytes());
        entries.extend([0, 0]);
    }
    if gps {
        // GPSInfo (0x8825, LONG) -> the GPS IFD: GPSLatitudeRef "N" and GPSLatitude (3 RATIONALs).
        let at = after_ifd0 + data.len();
        entries.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1]);
        entries.extend((at as u32).to_be_bytes());
        data.extend([0, 2]);
        data.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        data.extend([0, 2, 0, 5, 0, 0, 0, 3]);
        data.extend(((at + 2 + 24 + 4) as u32).to_be_bytes());
        data.extend([0, 0, 0, 0]);
        data.extend(GPS_LATITUDE);
    }
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend((count as u16).to_be_bytes());
    tiff.extend(entries);
    tiff.extend([0, 0, 0, 0]);
    tiff.extend(data);
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

/// A JPEG without any metadata, 96 x 64 pixels.
pub fn clean_jpeg() -> Vec<u8> {
    picture(ImageFormat::Jpeg)
}

/// A clean JPEG followed by a second JPEG that carries EXIF GPS and the camera make, as
/// phones write their MPF secondary images after the primary one.
pub fn jpeg_with_secondary_image() -> Vec<u8> {
    let mut second = Jpeg::from_bytes(Bytes::from(picture(ImageFormat::Jpeg))).expect("our own JPEG");
    second.set_exif(Some(Bytes::from(exif(Some(CAMERA_MAKE), None, true))));
    let mut bytes = clean_jpeg();
    bytes.extend_from_slice(&second.encoder().bytes());
    bytes
}

/// A clean JPEG with text after its end, where no viewer looks but anyone can read it.
pub fn jpeg_with_trailing_text() -> Vec<u8> {
    let mut bytes = clean_jpeg();
    bytes.extend_from_slice(b"GPS 25.0341N 102.7123E MingjingTestCam");
    bytes
}

/// A JPEG of 96 x 64 stored pixels whose EXIF orientation (6) says to turn it 90 degrees
/// clockwise for display, as a phone held upright writes it.
pub fn jpeg_turned_by_exif() -> Vec<u8> {
    let mut jpeg = Jpeg::from_bytes(Bytes::from(picture(ImageFormat::Jpeg))).expect("our own JPEG");
    jpeg.set_exif(Some(Bytes::from(exif(None, Some(6), false))));
    jpeg.encoder().bytes().to_vec()
}

/// A small real JPEG whose frame header claims `width` x `height` pixels.
pub fn jpeg_declaring(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = Jpeg::from_bytes(Bytes::from(picture(ImageFormat::Jpeg))).expect("our own JPEG");
    let frame = jpeg.segments_mut().iter_mut().find(|s| s.marker() == markers::SOF0).expect("a baseline frame");
    let mut contents = frame.contents().to_vec();
    contents[1..3].copy_from_slice(&height.to_be_bytes());
    contents[3..5].copy_from_slice(&width.to_be_bytes());
    *frame = JpegSegment::new_with_contents(markers::SOF0, Bytes::from(contents));
    jpeg.encoder().bytes().to_vec()
}

/// A small real PNG whose header claims `width` x `height` pixels.
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut png = Png::from_bytes(Bytes::from(picture(ImageFormat::Png))).expect("our own PNG");
    let header = png.chunks_mut().iter_mut().find(|c| &c.kind() == b"IHDR").expect("a header");
    let mut contents = header.contents().to_vec();
    contents[0..4].copy_from_slice(&width.to_be_bytes());
    contents[4..8].copy_from_slice(&height.to_be_bytes());
    *header = PngChunk::new(*b"IHDR", Bytes::from(contents));
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
