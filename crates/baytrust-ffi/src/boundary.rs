//! The boundary between C and Rust: the panic guard every exported body runs in, and the
//! checked conversions of C pointers (buffers, handles, out-parameters) into Rust values.

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

/// Runs `body`, turning a panic into `BT_RESULT_PANIC` (never an unwind across C).
pub fn guard(body: impl FnOnce() -> Result<(), bt_result>) -> bt_result {
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
    fn free_of_null_does_nothing() {
        // SAFETY: NULL is the documented no-op.
        unsafe { free_boxed::<u8>(std::ptr::null_mut()) };
    }
}
