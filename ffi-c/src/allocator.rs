//! The host allocator hook: every allocation the library makes (Rust's and
//! the bundled SQLite's) goes to the host's functions once it set them, as
//! consoles and engines with their own memory budgets require.
//!
//! The hook may only be installed while the library holds no memory of the
//! system allocator, so that no block is ever freed by an allocator that did
//! not make it. Until then, system allocations are counted (one atomic add per
//! allocation and free); once the library starts (the runtime, a client or a
//! sync manager) without a hook, it is locked to the system allocator for
//! good and stops counting, so the steady state costs one load per call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rusqlite::ffi as sqlite;

use crate::error::FfiError;
use crate::status::cognito_sync_status;

/// Allocates `size` bytes (never 0) aligned to `alignment` (a power of two) for
/// the library; returns NULL when out of memory. Must be thread-safe and must
/// not call back into the library or unwind.
#[allow(non_camel_case_types)]
pub type cognito_sync_alloc_fn = Option<
    unsafe extern "C" fn(user_data: *mut c_void, size: usize, alignment: usize) -> *mut c_void,
>;

/// Resizes a block the allocation function made, from `old_size` to
/// `new_size` bytes (never 0), keeping `alignment` and the first
/// `min(old_size, new_size)` bytes; returns the new block (possibly `ptr`), or
/// NULL and leaves `ptr` untouched when out of memory. Must be thread-safe and
/// must not call back into the library or unwind.
#[allow(non_camel_case_types)]
pub type cognito_sync_realloc_fn = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        ptr: *mut c_void,
        old_size: usize,
        new_size: usize,
        alignment: usize,
    ) -> *mut c_void,
>;

/// Frees a block the allocation or reallocation function made; `size` and
/// `alignment` are the block's, as it was last allocated or resized. `ptr` is
/// never NULL. Must be thread-safe and must not call back into the library or
/// unwind.
#[allow(non_camel_case_types)]
pub type cognito_sync_free_fn = Option<
    unsafe extern "C" fn(user_data: *mut c_void, ptr: *mut c_void, size: usize, alignment: usize),
>;

#[derive(Clone, Copy)]
struct Hook {
    alloc: unsafe extern "C" fn(*mut c_void, usize, usize) -> *mut c_void,
    realloc: unsafe extern "C" fn(*mut c_void, *mut c_void, usize, usize, usize) -> *mut c_void,
    free: unsafe extern "C" fn(*mut c_void, *mut c_void, usize, usize),
    user_data: *mut c_void,
}

/// The installed hook. Written only under [`SETTER`] while [`HOST`] is clear
/// (no reader looks at it then); read only after an acquire load saw [`HOST`].
struct HookCell(UnsafeCell<Option<Hook>>);

// SAFETY: see the type's comment: the write happens-before every read.
unsafe impl Sync for HookCell {}

static HOOK: HookCell = HookCell(UnsafeCell::new(None));

/// `HOST` | `LOCKED` | outstanding system allocations × `ONE` (counted only
/// while neither flag is set).
static STATE: AtomicUsize = AtomicUsize::new(0);
const HOST: usize = 1;
const LOCKED: usize = 2;
const ONE: usize = 4;

/// Serialises setters (the hook cell and SQLite's configuration).
static SETTER: Mutex<()> = Mutex::new(());

#[inline]
fn hook() -> Option<Hook> {
    // SAFETY: called only after observing HOST with an acquire load (see HookCell).
    unsafe { *HOOK.0.get() }
}

/// The library's global allocator: the host's functions once set, the
/// system allocator otherwise.
pub struct HostAllocator;

// SAFETY: each block is freed or resized by the allocator that made it: the
// hook is installed only while no system block is outstanding, and never removed.
unsafe impl GlobalAlloc for HostAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let state = STATE.load(Ordering::Acquire);
        if state & LOCKED != 0 {
            // SAFETY: GlobalAlloc::alloc's contract (a non-zero-sized layout) is ours to pass on.
            return unsafe { System.alloc(layout) };
        }
        if state & HOST != 0 {
            // SAFETY: as above; HOST was seen with an acquire load, as host_alloc needs.
            return unsafe { host_alloc(layout) };
        }
        // SAFETY: as above.
        unsafe { counted(layout, false) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let state = STATE.load(Ordering::Acquire);
        if state & LOCKED != 0 {
            // SAFETY: GlobalAlloc's contract (a non-zero-sized layout) is ours to pass on.
            return unsafe { System.alloc_zeroed(layout) };
        }
        if state & HOST != 0 {
            // SAFETY: as above; HOST was seen with an acquire load, as host_alloc needs.
            let ptr = unsafe { host_alloc(layout) };
            if !ptr.is_null() {
                // SAFETY: a non-NULL block from the host holds at least `layout.size()` bytes.
                unsafe { std::ptr::write_bytes(ptr, 0, layout.size()) };
            }
            return ptr;
        }
        // SAFETY: as above.
        unsafe { counted(layout, true) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let state = STATE.load(Ordering::Acquire);
        if state & HOST != 0 {
            if let Some(h) = hook() {
                // SAFETY: with HOST set every live block is the host's (none of the system's
                // was outstanding when the hook went in); `ptr` and `layout` are the block's.
                unsafe { (h.free)(h.user_data, ptr.cast(), layout.size(), layout.align()) };
            }
            return;
        }
        // SAFETY: without HOST, every block came from System; `ptr` and `layout` are the block's.
        unsafe { System.dealloc(ptr, layout) };
        if state & LOCKED == 0 {
            STATE.fetch_sub(ONE, Ordering::Release);
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if STATE.load(Ordering::Acquire) & HOST != 0 {
            return match hook() {
                // SAFETY: with HOST set the block is the host's; `ptr`, `layout` and
                // `new_size` (non-zero) come from GlobalAlloc::realloc's caller.
                Some(h) => unsafe {
                    (h.realloc)(
                        h.user_data,
                        ptr.cast(),
                        layout.size(),
                        new_size,
                        layout.align(),
                    )
                }
                .cast(),
                None => std::ptr::null_mut(),
            };
        }
        // A system block stays one block: the count does not change.
        // SAFETY: without HOST the block is System's; the arguments are the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// An allocation by the host's function; the caller passes a layout of non-zero size.
#[inline]
unsafe fn host_alloc(layout: Layout) -> *mut u8 {
    match hook() {
        // SAFETY: the host's function takes any non-zero size and power-of-two alignment,
        // which a Layout of GlobalAlloc::alloc is.
        Some(h) => unsafe { (h.alloc)(h.user_data, layout.size(), layout.align()) }.cast(),
        None => std::ptr::null_mut(),
    }
}

/// A system allocation before the library started: counted, unless a setter
/// installed the hook in the meantime.
#[cold]
unsafe fn counted(layout: Layout, zeroed: bool) -> *mut u8 {
    let before = STATE.fetch_add(ONE, Ordering::AcqRel);
    if before & HOST != 0 {
        STATE.fetch_sub(ONE, Ordering::Relaxed);
        // SAFETY: HOST was seen by the AcqRel add above; the layout is the caller's.
        let ptr = unsafe { host_alloc(layout) };
        if zeroed && !ptr.is_null() {
            // SAFETY: a non-NULL block from the host holds at least `layout.size()` bytes.
            unsafe { std::ptr::write_bytes(ptr, 0, layout.size()) };
        }
        return ptr;
    }
    let ptr = if zeroed {
        // SAFETY: the caller passes GlobalAlloc's layout (non-zero size).
        unsafe { System.alloc_zeroed(layout) }
    } else {
        // SAFETY: as above.
        unsafe { System.alloc(layout) }
    };
    if ptr.is_null() && before & LOCKED == 0 {
        STATE.fetch_sub(ONE, Ordering::Release);
    }
    ptr
}

/// The library starts: without a hook by now, it keeps the system allocator
/// for good (and stops counting). Called when the runtime, a client or a sync
/// manager is built.
pub(crate) fn lock() {
    let mut state = STATE.load(Ordering::Relaxed);
    while state & (HOST | LOCKED) == 0 {
        match STATE.compare_exchange_weak(
            state,
            state | LOCKED,
            Ordering::AcqRel,
            Ordering::Relaxed,
        ) {
            Ok(_) => return,
            Err(now) => state = now,
        }
    }
}

// ---------------------------------------------------------------- SQLite
// SQLite asks for sizes back (xSize) and needs 8-byte alignment: each block
// carries its size in an 8-byte header in front of what SQLite sees.
const SQLITE_HEADER: usize = 8;
const SQLITE_ALIGN: usize = 8;

// Each runs inside the panic guard, like every function C calls.
unsafe extern "C" fn sqlite_malloc(size: c_int) -> *mut c_void {
    crate::ffi_guard_value!(std::ptr::null_mut(), {
        let (Some(h), Ok(size)) = (hook(), usize::try_from(size)) else {
            return std::ptr::null_mut();
        };
        // SAFETY: a non-zero size and a power-of-two alignment, as the host's function takes.
        let base = unsafe { (h.alloc)(h.user_data, size + SQLITE_HEADER, SQLITE_ALIGN) };
        if base.is_null() {
            return base;
        }
        // SAFETY: the block is 8-aligned and at least SQLITE_HEADER (8) bytes long.
        unsafe { base.cast::<u64>().write(size as u64) };
        // SAFETY: the block holds SQLITE_HEADER + size bytes: its end is still in bounds.
        unsafe { base.cast::<u8>().add(SQLITE_HEADER) }.cast()
    })
}

/// The block and size behind a pointer `sqlite_malloc` or `sqlite_realloc` returned.
unsafe fn sqlite_base(ptr: *mut c_void) -> (*mut c_void, usize) {
    // SAFETY: the caller passes a pointer SQLITE_HEADER bytes into one of our blocks.
    let base = unsafe { ptr.cast::<u8>().sub(SQLITE_HEADER) };
    // SAFETY: the header there is 8-aligned and was written when the block was made.
    (base.cast(), unsafe { base.cast::<u64>().read() } as usize)
}

unsafe extern "C" fn sqlite_free(ptr: *mut c_void) {
    crate::ffi_guard_value!((), {
        if ptr.is_null() {
            return;
        }
        // SAFETY: SQLite frees only (non-NULL) pointers our xMalloc/xRealloc returned.
        let (base, size) = unsafe { sqlite_base(ptr) };
        if let Some(h) = hook() {
            // SAFETY: `base` is a live host block of exactly this size and alignment.
            unsafe { (h.free)(h.user_data, base, size + SQLITE_HEADER, SQLITE_ALIGN) };
        }
    })
}

unsafe extern "C" fn sqlite_realloc(ptr: *mut c_void, size: c_int) -> *mut c_void {
    crate::ffi_guard_value!(std::ptr::null_mut(), {
        let (Some(h), Ok(new_size)) = (hook(), usize::try_from(size)) else {
            return std::ptr::null_mut();
        };
        // SAFETY: SQLite resizes only (non-NULL) pointers our xMalloc/xRealloc returned.
        let (base, old_size) = unsafe { sqlite_base(ptr) };
        // SAFETY: `base` is a live host block of this size and alignment; the new size is
        // non-zero.
        let moved = unsafe {
            (h.realloc)(
                h.user_data,
                base,
                old_size + SQLITE_HEADER,
                new_size + SQLITE_HEADER,
                SQLITE_ALIGN,
            )
        };
        if moved.is_null() {
            return moved;
        }
        // SAFETY: the block is 8-aligned and at least SQLITE_HEADER (8) bytes long.
        unsafe { moved.cast::<u64>().write(new_size as u64) };
        // SAFETY: the block holds SQLITE_HEADER + new_size bytes: its end is still in bounds.
        unsafe { moved.cast::<u8>().add(SQLITE_HEADER) }.cast()
    })
}

unsafe extern "C" fn sqlite_size(ptr: *mut c_void) -> c_int {
    crate::ffi_guard_value!(0, {
        if ptr.is_null() {
            return 0;
        }
        // SAFETY: SQLite asks the size of (non-NULL) pointers our xMalloc/xRealloc returned.
        let (_, size) = unsafe { sqlite_base(ptr) };
        c_int::try_from(size).unwrap_or(c_int::MAX)
    })
}

unsafe extern "C" fn sqlite_roundup(size: c_int) -> c_int {
    crate::ffi_guard_value!(size, { size.saturating_add(7) & !7 })
}

unsafe extern "C" fn sqlite_init(_: *mut c_void) -> c_int {
    crate::ffi_guard_value!(sqlite::SQLITE_OK, { sqlite::SQLITE_OK })
}

unsafe extern "C" fn sqlite_shutdown(_: *mut c_void) {
    crate::ffi_guard_value!((), {})
}

fn sqlite_methods() -> sqlite::sqlite3_mem_methods {
    sqlite::sqlite3_mem_methods {
        xMalloc: Some(sqlite_malloc),
        xFree: Some(sqlite_free),
        xRealloc: Some(sqlite_realloc),
        xSize: Some(sqlite_size),
        xRoundup: Some(sqlite_roundup),
        xInit: Some(sqlite_init),
        xShutdown: Some(sqlite_shutdown),
        pAppData: std::ptr::null_mut(),
    }
}

/// Routes every allocation the library makes, its own and the bundled
/// SQLite's, to the host's functions, process-wide, for the rest of the
/// process (it cannot be changed or removed). `user_data` is passed to each
/// call as is. The functions receive each block's size and alignment (also
/// when resizing and freeing, so a host allocator needs no header of its own);
/// alignments above 16 occur. Not covered: what the operating system and the
/// C runtime allocate on the library's behalf (thread stacks, name
/// resolution), and the one handle per thread that Rust's standard library
/// allocates with `malloc` itself for each thread the library runs or is
/// called from (freed when the thread ends).
///
/// Call it first, before any other library call that allocates: while the
/// library holds memory of the system allocator (any object not yet freed,
/// including an error object), and once it has started (a client, a sync
/// manager or the worker threads were created, or a log callback was set), it
/// returns `COGNITO_SYNC_STATUS_INVALID_ARGUMENT` and changes nothing; so does
/// a second call. A NULL function gives `COGNITO_SYNC_STATUS_NULL_ARGUMENT`.
/// The error object of a refusal (when `err_out` is not NULL) is memory of the
/// system allocator: free it before trying again. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn cognito_sync_set_allocator(
    alloc_fn: cognito_sync_alloc_fn,
    realloc_fn: cognito_sync_realloc_fn,
    free_fn: cognito_sync_free_fn,
    user_data: *mut c_void,
    err_out: *mut *mut crate::error::cognito_sync_error,
) -> cognito_sync_status {
    crate::ffi_guard!(err_out, {
        let (Some(alloc), Some(realloc), Some(free)) = (alloc_fn, realloc_fn, free_fn) else {
            let missing = if alloc_fn.is_none() {
                "alloc_fn"
            } else if realloc_fn.is_none() {
                "realloc_fn"
            } else {
                "free_fn"
            };
            return Err(FfiError::null_argument(missing));
        };
        install(Hook {
            alloc,
            realloc,
            free,
            user_data,
        })
    })
}

fn install(hook: Hook) -> Result<(), FfiError> {
    let _setter = SETTER.lock().unwrap_or_else(|e| e.into_inner());
    let too_late = || {
        FfiError::invalid_argument(
            "the allocator must be set before the library allocates anything (call \
             cognito_sync_set_allocator first, with every library object freed); it cannot be changed once set",
        )
    };
    if STATE.load(Ordering::Acquire) != 0 {
        return Err(too_late());
    }
    // SAFETY: HOST is clear, so no reader looks at the cell (see HookCell).
    unsafe { *HOOK.0.get() = Some(hook) };
    // SQLite takes its allocator only before it initialises (nothing of the
    // library has used it yet: that would have locked or counted).
    let mut previous = sqlite::sqlite3_mem_methods {
        xMalloc: None,
        xFree: None,
        xRealloc: None,
        xSize: None,
        xRoundup: None,
        xInit: None,
        xShutdown: None,
        pAppData: std::ptr::null_mut(),
    };
    let methods = sqlite_methods();
    // SAFETY: the documented argument types of these two options.
    let configured = unsafe {
        sqlite::sqlite3_config(sqlite::SQLITE_CONFIG_GETMALLOC, &mut previous as *mut _)
            == sqlite::SQLITE_OK
            && sqlite::sqlite3_config(sqlite::SQLITE_CONFIG_MALLOC, &methods as *const _)
                == sqlite::SQLITE_OK
    };
    if !configured {
        return Err(FfiError::new(
            cognito_sync_status::InvalidArgument,
            "SQLite was already initialised in this process: set the allocator before anything uses it",
        ));
    }
    if STATE
        .compare_exchange(0, HOST, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        // Another thread allocated meanwhile: give SQLite its allocator back.
        // SAFETY: as above; SQLite is still uninitialised.
        unsafe { sqlite::sqlite3_config(sqlite::SQLITE_CONFIG_MALLOC, &previous as *const _) };
        return Err(too_late());
    }
    Ok(())
}
