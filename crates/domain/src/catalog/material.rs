use serde::{Deserialize, Serialize};

use super::CatalogError;
use super::http_url::HttpUrl;
use super::reader::{Choice, Fields};
use super::text::Text;

/// An application material (申请材料): what to hand in, in what form, and where it comes
/// from, so that nobody is asked for a document the guide did not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Material {
    name: Text,
    required: bool,
    form: MaterialForm,
    copies: u32,
    source: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    blank_form_url: Option<HttpUrl>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sample_url: Option<HttpUrl>,
}

/// Whether a material is handed in on paper, electronically, or either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialForm {
    Paper,
    Electronic,
    Both,
}

impl Choice for MaterialForm {
    const ALLOWED: &'static str = "paper, electronic, both";
}

impl Material {
    pub(crate) const FIELDS: &'static [&'static str] =
        &["name", "required", "form", "copies", "source", "blank_form_url", "sample_url"];

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub fn required(&self) -> bool {
        self.required
    }

    pub fn form(&self) -> MaterialForm {
        self.form
    }

    pub fn copies(&self) -> u32 {
        self.copies
    }

    /// Where the applicant gets it, such as "申请人自备" or "公安机关出具".
    pub fn source(&self) -> &Text {
        &self.source
    }

    pub fn blank_form_url(&self) -> Option<&HttpUrl> {
        self.blank_form_url.as_ref()
    }

    pub fn sample_url(&self) -> Option<&HttpUrl> {
        self.sample_url.as_ref()
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let name = fields.text("name");
        let required = fields.flag("required");
        let form = fields.choice("form");
        let copies = fields.count("copies");
        let source = fields.text("source");
        let blank_form_url = fields.optional_parsed("blank_form_url", HttpUrl::parse);
        let sample_url = fields.optional_parsed("sample_url", HttpUrl::parse);
        let (required, copies) = (required?, copies?);
        if required && copies == 0 {
            fields.reject("copies", &CatalogError::RequiredMaterialWithoutCopies);
            return None;
        }
        Some(Self {
            name: name?,
            required,
            form: form?,
            copies,
            source: source?,
            blank_form_url: blank_form_url?,
            sample_url: sample_url?,
        })
    }
}
