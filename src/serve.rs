//! `planportal serve`: build, serve on 127.0.0.1, rebuild when sources change.
//!
//! TODO(cli helper): tiny_http + notify.

use crate::render::RenderOptions;
use anyhow::{bail, Result};
use std::path::Path;

pub fn serve(_root: &Path, _output_dir: &Path, _options: &RenderOptions, _port: u16) -> Result<()> {
    bail!("serve is not implemented yet")
}
