//! Supervisors' photos: checked by content, stored without location or other metadata,
//! turned upright, and refused undecoded when they declare absurd dimensions.

use mingjing_tests::app::{TEST_SITE, assert_error};
use mingjing_tests::photos::{self, GPS_LATITUDE};
use mingjing_tests::{Backend, TestApp, both_backends};
use reqwest::StatusCode;
use serde_json::Value;

use super::{TERM, get, upload, with_catalogue};

async fn photos_are_checked_by_content_and_stored_without_location(backend: Backend) {
    let app = with_catalogue(backend).await;
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", TERM).await;
    let me = app.supervisor_session(TEST_SITE, &code).await;
    let text = upload(&app, &me, b"this is not a photo, whatever its name says".to_vec(), "image/jpeg").await;
    assert_error(text, StatusCode::UNPROCESSABLE_ENTITY, "unsupported_image", Some("photo")).await;
    let truncated = photos::jpeg_with_gps()[..200].to_vec();
    let resp = upload(&app, &me, truncated, "image/jpeg").await;
    assert_eq!(resp.status(), 422);
    let big = photos::jpeg_of_size(3 * 1024 * 1024);
    assert!(big.len() >= 3 * 1024 * 1024);
    assert_error(upload(&app, &me, big, "image/jpeg").await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", None)
        .await;

    let original = photos::jpeg_with_gps();
    assert!(photos::contains(&original, &GPS_LATITUDE) && photos::contains(&original, b"Exif\0\0"));
    let uploaded: Value = upload(&app, &me, original, "image/jpeg").await.json().await.unwrap();
    let stored = get(&app, &format!("/api/v1/supervisor/photos/{}", uploaded["id"]), &me).await;
    assert_eq!(stored.headers()["content-type"], "image/jpeg");
    let stored = stored.bytes().await.unwrap();
    assert!(!photos::contains(&stored, &GPS_LATITUDE), "the GPS position is gone");
    assert!(!photos::contains(&stored, b"Exif\0\0") && !photos::contains(&stored, b"taken at"));
    let picture = image::load_from_memory(&stored).expect("still a picture");
    assert_eq!((picture.width(), picture.height()), (96, 64));

    let png = photos::png_with_metadata();
    assert!(photos::contains(&png, b"Kunming") && photos::contains(&png, &GPS_LATITUDE));
    let uploaded: Value = upload(&app, &me, png, "image/png").await.json().await.unwrap();
    assert_eq!(uploaded["media_type"], "image/png");
    let stored = get(&app, &format!("/api/v1/supervisor/photos/{}", uploaded["id"]), &me).await.bytes().await.unwrap();
    assert!(!photos::contains(&stored, b"Kunming") && !photos::contains(&stored, &GPS_LATITUDE));
    assert!(image::load_from_memory(&stored).is_ok());
}

/// A supervisor's session on a fresh collector (photos need no catalogue).
async fn photo_taker(backend: Backend) -> (TestApp, String) {
    let app = TestApp::spawn(backend).await;
    let (_, code) = app.add_supervisor(TEST_SITE, "王监督", TERM).await;
    let me = app.supervisor_session(TEST_SITE, &code).await;
    (app, me)
}

/// Uploads a photo and fetches what was stored.
async fn stored(app: &TestApp, me: &str, bytes: Vec<u8>) -> (String, Vec<u8>) {
    let resp = upload(app, me, bytes, "image/jpeg").await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let uploaded: Value = resp.json().await.unwrap();
    let stored = get(app, &format!("/api/v1/supervisor/photos/{}", uploaded["id"]), me).await;
    let media_type = stored.headers()["content-type"].to_str().unwrap().to_owned();
    (media_type, stored.bytes().await.unwrap().to_vec())
}

async fn nothing_after_the_primary_image_is_stored(backend: Backend) {
    let (app, me) = photo_taker(backend).await;
    let appended = photos::jpeg_with_secondary_image();
    assert!(photos::contains(&appended, b"Exif\0\0") && photos::contains(&appended, photos::CAMERA_MAKE));
    let trailing = photos::jpeg_with_trailing_text();
    for (what, original) in [("a second image", appended), ("trailing text", trailing)] {
        let (media_type, stored) = stored(&app, &me, original).await;
        assert_eq!(media_type, "image/jpeg", "{what}");
        assert!(!photos::contains(&stored, b"Exif"), "{what}: no EXIF block");
        assert!(!photos::contains(&stored, photos::CAMERA_MAKE), "{what}: no camera make");
        assert!(!photos::contains(&stored, &GPS_LATITUDE) && !photos::contains(&stored, b"25.0341N"), "{what}");
        // Entropy-coded data escapes every 0xFF, so one start marker means one image,
        // and the end marker as the last two bytes means nothing follows it.
        let starts = stored.windows(2).filter(|w| *w == [0xFF, 0xD8]).count();
        assert_eq!(starts, 1, "{what}: one image");
        assert!(stored.ends_with(&[0xFF, 0xD9]), "{what}: nothing after the image");
        let picture = image::load_from_memory(&stored).expect("still a picture");
        assert_eq!((picture.width(), picture.height()), (96, 64), "{what}");
    }
}

async fn photos_are_turned_upright_by_their_exif_orientation(backend: Backend) {
    let (app, me) = photo_taker(backend).await;
    let original = photos::jpeg_turned_by_exif();
    let sideways = image::load_from_memory(&original).unwrap();
    assert_eq!((sideways.width(), sideways.height()), (96, 64), "stored sideways, turned by its EXIF");
    let (_, stored) = stored(&app, &me, original).await;
    assert!(!photos::contains(&stored, b"Exif"), "no orientation left to apply twice");
    let upright = image::load_from_memory(&stored).unwrap();
    assert_eq!((upright.width(), upright.height()), (64, 96), "turned upright");
}

async fn a_photo_declaring_huge_dimensions_is_refused_undecoded(backend: Backend) {
    let (app, me) = photo_taker(backend).await;
    for (what, bomb, content_type) in [
        ("png", photos::png_declaring(20_000, 20_000), "image/png"),
        ("jpeg", photos::jpeg_declaring(20_000, 20_000), "image/jpeg"),
    ] {
        // A few kilobytes that would ask for 1.2 GB of pixels.
        assert!(bomb.len() < 64 * 1024, "{what}: {} bytes", bomb.len());
        let resp = upload(&app, &me, bomb, content_type).await;
        assert_error(resp, StatusCode::UNPROCESSABLE_ENTITY, "image_too_large", Some("photo")).await;
    }
}

both_backends!(
    photos_are_checked_by_content_and_stored_without_location,
    nothing_after_the_primary_image_is_stored,
    photos_are_turned_upright_by_their_exif_orientation,
    a_photo_declaring_huge_dimensions_is_refused_undecoded,
);
