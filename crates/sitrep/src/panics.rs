//! The last line of defence: no panic reaches the user as a Rust backtrace.
//!
//! Bad input is meant to give error values, never panics; but a bug in a
//! stage must not take a whole run down with it. [`guarded`] runs one
//! document's work and turns a panic into an error message (with where it
//! happened), which the pipeline prints as one line naming the input and
//! record before going on with the next document. [`install`] sets a
//! concise hook for panics anywhere else: one line asking for a report
//! (the full backtrace only when `RUST_BACKTRACE` is set).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};

thread_local! {
    /// Set while [`guarded`] runs on this thread: the hook records the
    /// panic for the caller instead of printing it.
    static CAPTURE: Cell<bool> = const { Cell::new(false) };
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the process's panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let what = describe(info);
        if CAPTURE.with(Cell::get) {
            LAST.with(|l| *l.borrow_mut() = Some(what));
            return;
        }
        eprintln!("sitrep: internal error (a bug: please report it): {what}");
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            eprintln!("{}", std::backtrace::Backtrace::force_capture());
        }
    }));
}

/// Runs `f`, turning a panic inside it into `Err(message at location)`.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let before = CAPTURE.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURE.with(|c| c.set(before));
    result.map_err(|payload| LAST.with(|l| l.borrow_mut().take()).unwrap_or_else(|| message(payload.as_ref())))
}

fn describe(info: &PanicHookInfo<'_>) -> String {
    let msg = message(info.payload());
    match info.location() {
        Some(l) => format!("{msg} at {}:{}", l.file(), l.line()),
        None => msg,
    }
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message_and_place() {
        install();
        let r: Result<(), String> = guarded(|| panic!("index {} out of range", 7));
        let e = r.unwrap_err();
        assert!(e.starts_with("index 7 out of range at "), "{e}");
        assert!(e.contains("panics.rs:"), "{e}");
        assert_eq!(guarded(|| 41 + 1), Ok(42));
    }

    #[test]
    fn guarded_works_without_the_hook_and_on_other_threads() {
        let e = std::thread::spawn(|| guarded(|| -> u8 { panic!("boom") })).join().unwrap().unwrap_err();
        assert!(e.starts_with("boom"), "{e}");
    }
}
