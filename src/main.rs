/// mimalloc instead of the system allocator: a build makes and frees millions of small strings
/// from several threads, and with glibc's allocator that was a fifth of the build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's number for its `purge_delay` option: `mi_option_purge_delay` in the mimalloc.h
/// of the v3 sources that libmimalloc-sys 0.1.49 builds (the crate names no constant for it;
/// check the header again when that crate is updated).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Freed memory kept for reuse, not handed back to the system: a build frees and allocates
    // again all the time, and memory handed back comes back as fresh pages the kernel must
    // zero one fault at a time (at 100.000 procedures 130.000 faults, 2 s of a 33 s build;
    // with this setting 1.700 faults). The price is a peak about 10 % higher.
    // SAFETY: sets a plain option value before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    congkhai::cli::main()
}
