//! C ABI over the core client (filled by the C ABI issue).
