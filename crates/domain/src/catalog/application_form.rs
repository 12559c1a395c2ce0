use serde::Serialize;

use super::http_url::HttpUrl;
use super::reader::Fields;
use super::text::Text;

/// An application form (申请表单) and where to download it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplicationForm {
    name: Text,
    url: HttpUrl,
}

impl ApplicationForm {
    pub(crate) const FIELDS: &'static [&'static str] = &["name", "url"];

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub fn url(&self) -> &HttpUrl {
        &self.url
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let name = fields.text("name");
        let url = fields.parsed("url", HttpUrl::parse);
        Some(Self { name: name?, url: url? })
    }
}
