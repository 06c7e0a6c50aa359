//! Pages and open data from the linked model.
//!
//! TODO(render helper): templates, views, data files.

use crate::content::Content;
use crate::output::Site;
use crate::resolve::Library;
use anyhow::Result;

/// Settings that change the rendered output.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Absolute URL prefix of the site, with a trailing slash ("/" by default).
    pub base_url: String,
}

/// Renders every page and data file.
pub fn render(library: &Library, _content: &Content, options: &RenderOptions) -> Result<Site> {
    let mut site = Site::default();
    site.add(
        "index.html",
        format!("<!doctype html><title>planportal</title><p>{} plāni</p><a href=\"{}\">home</a>", library.plans.len(), options.base_url),
    )?;
    Ok(site)
}
