//! Panics kept from becoming crashes.
//!
//! Third-party decoders (the font parsers and subsetter) are fed bytes from the clerk's disk; a
//! corrupted file can make one panic. [`catch`] runs such a call where the input enters it and
//! turns a panic into an error the caller words in Chinese, naming the file. The last-resort
//! panic hook in `main.rs` asks [`is_caught`] whether a panic will be turned into an error here
//! (then it stays silent) and [`activity`] what the program was doing, for its 程序内部错误
//! message.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

thread_local! {
    /// How many [`catch`] calls are running on this thread.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
}

/// What the program is doing, in Chinese, for the last-resort message (e.g. 生成报告 a.yaml).
static ACTIVITY: Mutex<String> = Mutex::new(String::new());

/// Runs `f`; a panic inside it comes back as `Err` with the panic's message, and the panic
/// hook stays silent about it. Use it only around a call into a decoder of input data, never
/// around the program's own logic (a bug there must show).
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    CATCHING.with(|c| c.set(c.get() + 1));
    // The decoder's state is dropped with the error, so nothing half-updated is seen again.
    let result = catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| panic_message(payload.as_ref()))
}

/// Whether a panic on this thread now is inside [`catch`].
pub fn is_caught() -> bool {
    CATCHING.with(Cell::get) > 0
}

/// The text of a panic's payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "（无说明）".to_string()
    }
}

/// Says what the program is doing, for the last-resort message.
pub fn set_activity(what: impl Into<String>) {
    if let Ok(mut a) = ACTIVITY.lock() {
        *a = what.into();
    }
}

/// What the program said it is doing.
pub fn activity() -> String {
    ACTIVITY.lock().map(|a| a.clone()).unwrap_or_default()
}

/// The last-resort message for a panic no guard caught (a bug): what the program was doing,
/// that the clerk's files are safe, where to report it, and the panic's own words and place.
pub fn internal_error_message(activity: &str, what: &str, place: &str) -> String {
    let doing = if activity.is_empty() {
        String::new()
    } else {
        format!("在{activity}时")
    };
    format!(
        "程序内部错误：{doing}程序出了错，已停止（这不是输入文件的问题）。输出文件要么全部写好，要么保持上次的样子，不会留下半套。\n\
         请把这段信息连同所用的输入文件交给本程序的维护人员（见 README“问题反馈”）。\n\
         详情：{what}（{place}，workreport {}）",
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_an_error_with_its_message() {
        let r: Result<(), String> = catch(|| panic!("bad table at {}", 12));
        assert_eq!(r.unwrap_err(), "bad table at 12");
        assert!(!is_caught());
        assert_eq!(catch(|| 7).unwrap(), 7);
    }

    #[test]
    fn is_caught_only_inside() {
        assert!(!is_caught());
        assert!(catch(is_caught).unwrap());
        assert!(catch(|| catch(is_caught).unwrap()).unwrap());
        assert!(!is_caught());
    }
}
