fn main() -> std::process::ExitCode {
    congkhai::cli::main()
}
