//! Turns the paths named on the command line into the files to read.
//!
//! Directories are walked depth-first, their entries sorted by name so a run
//! is reproducible, hidden entries (names starting with `.`) skipped, and
//! symbolic links to directories not followed (so a link cycle cannot make
//! the walk endless). The walk is lazy: a directory is listed only when the
//! reader reaches it, so a tree of a million files costs one listing at a
//! time, not a list of every path up front.

use crate::ReadError;
use std::path::PathBuf;

/// One thing to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name used in errors and in [`sitrep_core::InputOrigin::path`].
    pub(crate) fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.to_string_lossy().into_owned(),
        }
    }
}

enum Pending {
    /// A path as the user named it: followed even if hidden or a link.
    Named(String),
    /// A path found inside a directory.
    Found(PathBuf),
}

/// The lazy walk over the named paths.
pub(crate) struct Walker {
    /// Paths still to visit, the next one last.
    stack: Vec<Pending>,
}

impl Walker {
    pub(crate) fn new(paths: Vec<String>) -> Self {
        Walker { stack: paths.into_iter().rev().map(Pending::Named).collect() }
    }

    fn list_dir(&mut self, dir: &std::path::Path) -> Result<(), ReadError> {
        let err = |e: std::io::Error| ReadError::file(dir.to_string_lossy(), format!("cannot list directory: {e}"));
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(err)? {
            let entry = entry.map_err(err)?;
            let name = entry.file_name();
            if name.as_encoded_bytes().first() == Some(&b'.') {
                continue;
            }
            names.push(name);
        }
        names.sort();
        self.stack.extend(names.into_iter().rev().map(|n| Pending::Found(dir.join(n))));
        Ok(())
    }
}

impl Iterator for Walker {
    type Item = Result<Input, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (path, named) = match self.stack.pop()? {
                Pending::Named(p) if p == "-" => return Some(Ok(Input::Stdin)),
                Pending::Named(p) => (PathBuf::from(p), true),
                Pending::Found(p) => (p, false),
            };
            // A named path follows links; a found one does not follow links to
            // directories, which is what keeps a cyclic tree finite.
            let meta = if named { std::fs::metadata(&path) } else { std::fs::symlink_metadata(&path) };
            let meta = match meta {
                Ok(m) => m,
                Err(e) => return Some(Err(ReadError::file(path.to_string_lossy(), e.to_string()))),
            };
            if meta.is_dir() {
                if let Err(e) = self.list_dir(&path) {
                    return Some(Err(e));
                }
                continue;
            }
            if meta.file_type().is_symlink() {
                // Found inside a walk: read it if it points at a file.
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_file() => return Some(Ok(Input::File(path))),
                    Ok(_) => continue,
                    Err(e) => return Some(Err(ReadError::file(path.to_string_lossy(), format!("broken link: {e}")))),
                }
            }
            if meta.is_file() || named {
                return Some(Ok(Input::File(path)));
            }
            // Sockets, fifos and devices found in a walk are not documents.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_recursive_and_skips_hidden() {
        let dir = std::env::temp_dir().join(format!("sitrep-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b/inner")).unwrap();
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        for f in ["c.txt", "a.txt", "b/inner/z.txt", "b/y.txt", ".hidden.txt", ".git/x"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let got: Vec<String> = Walker::new(vec![dir.to_string_lossy().into_owned(), "-".into()])
            .map(|r| r.unwrap().display())
            .map(|p| p.strip_prefix(&*dir.to_string_lossy()).unwrap_or(&p).to_string())
            .collect();
        assert_eq!(got, vec!["/a.txt", "/b/inner/z.txt", "/b/y.txt", "/c.txt", "-"]);
        // A hidden file named explicitly is read.
        let named = dir.join(".hidden.txt").to_string_lossy().into_owned();
        assert_eq!(Walker::new(vec![named.clone()]).next().unwrap().unwrap().display(), named);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_path_is_an_error_and_the_walk_goes_on() {
        let mut w = Walker::new(vec!["/nonexistent/sitrep/x".into(), "-".into()]);
        let e = w.next().unwrap().unwrap_err();
        assert_eq!(e.path, "/nonexistent/sitrep/x");
        assert!(e.reason.contains("No such file"), "{e}");
        assert_eq!(w.next().unwrap().unwrap(), Input::Stdin);
        assert!(w.next().is_none());
    }
}
