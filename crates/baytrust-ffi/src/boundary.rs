//! The boundary between C and Rust: the panic guard every exported body runs in, the
//! checked conversions of C pointers (buffers, text, handles, out-parameters) into Rust
//! values, and the per-thread detail of the last error (`bt_last_error_detail`).

use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::result::bt_result;

/// The integer types C passes for the enums of the header. A C enum argument may hold
/// any number, and a Rust enum holding an undefined value is undefined behaviour, so
/// the functions take the raw integer and convert it (`from_raw`). cbindgen prints these
/// by their last path segment, i.e. as the header's enum typedefs (`uint32_t` each).
pub mod raw {
    /// A `bt_jurisdiction` as C passes it.
    #[allow(non_camel_case_types)]
    pub type bt_jurisdiction = u32;
    /// A `bt_revocation` as C passes it.
    #[allow(non_camel_case_types)]
    pub type bt_revocation = u32;
    /// A `bt_result` as C passes it.
    #[allow(non_camel_case_types)]
    pub type bt_result = u32;
}

thread_local! {
    /// The library's sentence behind the last error code returned on this thread
    /// (empty when that code has none, or the last call succeeded).
    static LAST_ERROR_DETAIL: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Records `detail` as the sentence behind the error about to be returned on this
/// thread, and gives `code` back (for `map_err`).
pub fn record_detail(code: bt_result, detail: impl std::fmt::Display) -> bt_result {
    let text = detail.to_string();
    LAST_ERROR_DETAIL.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = text;
        }
    });
    code
}

/// The recorded detail, passed to `read` (no copy kept).
pub fn with_detail<T>(read: impl FnOnce(&str) -> T) -> T {
    LAST_ERROR_DETAIL.with(|slot| match slot.try_borrow() {
        Ok(text) => read(&text),
        Err(_) => read(""),
    })
}

fn clear_detail() {
    LAST_ERROR_DETAIL.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            slot.clear();
        }
    });
}

/// Runs `body`, turning a panic into `BT_RESULT_PANIC` (never an unwind across C).
/// The detail of the previous error on this thread is cleared first: after the call it
/// describes this call's error, if any.
pub fn guard(body: impl FnOnce() -> Result<(), bt_result>) -> bt_result {
    clear_detail();
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => bt_result::BT_RESULT_OK,
        Ok(Err(code)) => code,
        Err(_) => bt_result::BT_RESULT_PANIC,
    }
}

/// Runs `body`, giving `fallback` if it panics (for functions that return no code).
pub fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// The `len` bytes at `ptr`, borrowed for the call.
///
/// # Safety
/// Unless NULL, `ptr` must point to `len` readable bytes that stay unchanged during the
/// call (the caller's promise, stated on every function).
pub unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], bt_result> {
    if ptr.is_null() {
        return Err(bt_result::BT_RESULT_NULL_PARAMETER);
    }
    if isize::try_from(len).is_err() {
        return Err(bt_result::BT_RESULT_LENGTH_TOO_LARGE);
    }
    // SAFETY: non-NULL, `len <= isize::MAX`, alignment 1, and the caller's promise.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The NUL-terminated UTF-8 text at `ptr`, borrowed for the call.
///
/// # Safety
/// Unless NULL, `ptr` must point to a NUL-terminated string that stays unchanged
/// during the call.
pub unsafe fn text<'a>(ptr: *const c_char) -> Result<&'a str, bt_result> {
    if ptr.is_null() {
        return Err(bt_result::BT_RESULT_NULL_PARAMETER);
    }
    // SAFETY: non-NULL, and the caller's promise of a NUL-terminated string.
    let text = unsafe { CStr::from_ptr(ptr) };
    text.to_str().map_err(|_| bt_result::BT_RESULT_INVALID_UTF8)
}

/// Copies `text` into the caller's `buf` of `buf_len` bytes as a NUL-terminated string,
/// truncated (at a UTF-8 character boundary) to fit, and gives the whole text's length
/// in bytes. With `buf` NULL or `buf_len` 0 nothing is written.
///
/// # Safety
/// Unless NULL, `buf` must point to `buf_len` writable bytes.
pub unsafe fn copy_text(text: &str, buf: *mut c_char, buf_len: usize) -> usize {
    if !buf.is_null() && buf_len > 0 {
        let mut copied = text.len().min(buf_len.saturating_sub(1));
        while !text.is_char_boundary(copied) {
            copied = copied.saturating_sub(1);
        }
        // SAFETY: the caller promises `buf` points to `buf_len` writable bytes;
        // `copied + 1 <= buf_len`.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr().cast::<c_char>(), buf, copied);
            buf.add(copied).write(0);
        }
    }
    text.len()
}

/// The handle at `ptr`, shared for the call.
///
/// # Safety
/// Unless NULL, `ptr` must come from the matching `_new`/`_build`/`_begin` and not be
/// freed.
pub unsafe fn handle<'a, T>(ptr: *const T) -> Result<&'a T, bt_result> {
    // SAFETY: the caller's promise.
    unsafe { ptr.as_ref() }.ok_or(bt_result::BT_RESULT_NULL_PARAMETER)
}

/// The handle at `ptr`, exclusive for the call.
///
/// # Safety
/// As [`handle`], and no other thread may use it during the call.
pub unsafe fn handle_mut<'a, T>(ptr: *mut T) -> Result<&'a mut T, bt_result> {
    // SAFETY: the caller's promise.
    unsafe { ptr.as_mut() }.ok_or(bt_result::BT_RESULT_NULL_PARAMETER)
}

/// Checks an out-parameter before any work, so that a NULL one is refused up front.
pub fn out_param<T>(out: *mut T) -> Result<*mut T, bt_result> {
    if out.is_null() {
        Err(bt_result::BT_RESULT_NULL_PARAMETER)
    } else {
        Ok(out)
    }
}

/// Moves `value` to the heap and writes its pointer to `out` (checked by [`out_param`]).
///
/// # Safety
/// `out` must be non-NULL and point to a writable pointer.
pub unsafe fn write_boxed<T>(out: *mut *mut T, value: T) {
    // SAFETY: the caller's promise.
    unsafe { out.write(Box::into_raw(Box::new(value))) }
}

/// Takes back and drops the box at `ptr`; NULL does nothing.
///
/// # Safety
/// Unless NULL, `ptr` must come from [`write_boxed`] for this `T` and not be used again.
pub unsafe fn free_boxed<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: the caller's promise.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_bt_result_panic_not_an_unwind() {
        let code = guard(|| panic!("inside baytrust"));
        assert_eq!(code, bt_result::BT_RESULT_PANIC);
        assert_eq!(guard_value(7usize, || panic!("inside baytrust")), 7);
    }

    #[test]
    fn null_buffers_and_impossible_lengths_are_refused_before_any_read() {
        // SAFETY: neither pointer is read: the checks refuse them first.
        unsafe {
            assert_eq!(
                bytes(std::ptr::null(), 0),
                Err(bt_result::BT_RESULT_NULL_PARAMETER)
            );
            let byte = 0u8;
            assert_eq!(
                bytes(&byte, usize::MAX),
                Err(bt_result::BT_RESULT_LENGTH_TOO_LARGE)
            );
            assert_eq!(bytes(&byte, 1), Ok(&[0u8][..]));
        }
    }

    #[test]
    fn an_error_detail_lasts_until_the_next_guarded_call_on_the_thread() {
        let code = guard(|| {
            Err(record_detail(
                bt_result::BT_RESULT_AUTH_REFLECTED,
                "the peer reflected our own nonce",
            ))
        });
        assert_eq!(code, bt_result::BT_RESULT_AUTH_REFLECTED);
        assert_eq!(
            with_detail(str::to_owned),
            "the peer reflected our own nonce"
        );
        let other = std::thread::spawn(|| with_detail(str::to_owned)).join();
        assert_eq!(other.unwrap(), "");
        assert_eq!(guard(|| Ok(())), bt_result::BT_RESULT_OK);
        assert_eq!(with_detail(str::to_owned), "");
    }

    #[test]
    fn copied_text_is_cut_at_a_character_boundary_and_always_terminated() {
        let mut buf = [0x7f as c_char; 8];
        // "前" is 3 bytes: 7 bytes of room hold "ab前" (5) but not "ab前海" (8).
        // SAFETY: `buf` has 8 writable bytes.
        let len = unsafe { copy_text("ab前海", buf.as_mut_ptr(), 7) };
        assert_eq!(len, "ab前海".len());
        // SAFETY: `copy_text` wrote a NUL within the buffer.
        let written = unsafe { CStr::from_ptr(buf.as_ptr()) };
        assert_eq!(written.to_str(), Ok("ab前"));
        // SAFETY: NULL is never written.
        assert_eq!(unsafe { copy_text("abc", std::ptr::null_mut(), 4) }, 3);
    }

    #[test]
    fn text_arguments_must_be_utf8() {
        // SAFETY: both are NUL-terminated literals.
        unsafe {
            assert_eq!(text(c"NTRHK-12345678".as_ptr()), Ok("NTRHK-12345678"));
            assert_eq!(
                text(c"\xff".as_ptr()),
                Err(bt_result::BT_RESULT_INVALID_UTF8)
            );
            assert_eq!(
                text(std::ptr::null()),
                Err(bt_result::BT_RESULT_NULL_PARAMETER)
            );
        }
    }

    #[test]
    fn free_of_null_does_nothing() {
        // SAFETY: NULL is the documented no-op.
        unsafe { free_boxed::<u8>(std::ptr::null_mut()) };
    }
}
