/// mimalloc instead of the system allocator: a build makes and frees millions of small strings
/// from several threads, and with glibc's allocator that was a fifth of the build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    congkhai::cli::main()
}
