//! The theme: the default one embedded in the binary, overridden file by file by a portal's
//! own `themes/<name>/`, so that a portal with only `content/` builds, and a district can
//! restyle one template without copying the rest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::catalog::source;
use crate::error::{Error, Result};

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file came from, for error messages.
#[derive(Debug, Clone)]
pub enum Origin {
    Embedded,
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

/// Templates (by name, e.g. `procedure.html`) and static files (by output path).
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The default theme with `root/themes/<name>/` laid over it. A named theme other than
    /// `default` must exist.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let mut theme = Theme::default();
        collect_embedded(&DEFAULT, &mut theme);
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name != "default" {
                return Err(Error::io(&dir, crate::tr!("theme-missing", name = name)));
            }
            return Ok(theme);
        }
        for (sub, map) in [
            ("templates", &mut theme.templates),
            ("static", &mut theme.statics),
        ] {
            let base = dir.join(sub);
            for path in source::walk(&base, "")? {
                let rel = path.strip_prefix(&base).unwrap_or(&path);
                let key = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                map.insert(
                    key,
                    ThemeFile {
                        bytes,
                        origin: Origin::File(path),
                    },
                );
            }
        }
        Ok(theme)
    }

    /// The top-level folder and file names the static files take in the site.
    pub fn static_roots(&self) -> Vec<String> {
        let mut roots: Vec<String> = self
            .statics
            .keys()
            .map(|k| k.split('/').next().unwrap_or(k).to_string())
            .collect();
        roots.dedup();
        roots
    }

    /// The embedded default theme's static roots, for `check` (which loads no theme).
    pub fn default_static_roots() -> Vec<String> {
        let mut theme = Theme::default();
        collect_embedded(&DEFAULT, &mut theme);
        theme.static_roots()
    }
}

fn collect_embedded(dir: &Dir<'static>, theme: &mut Theme) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let entry = ThemeFile {
            bytes: file.contents().to_vec(),
            origin: Origin::Embedded,
        };
        if let Some(name) = path.strip_prefix("templates/") {
            theme.templates.insert(name.to_string(), entry);
        } else if let Some(name) = path.strip_prefix("static/") {
            theme.statics.insert(name.to_string(), entry);
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, theme);
    }
}
