//! The command line (clap derive): one enum of commands, each arm one call.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::pipeline::{self, BuildOptions};
use crate::serve;

#[derive(Debug, Parser)]
#[command(
    name = "congkhai",
    version,
    about = "Builds a public portal of administrative procedures (thủ tục hành chính)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the whole site into <root>/public (or --out); the previous site stays until the new one is complete.
    Build {
        /// The portal folder (holding content/ and optionally themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The public address of the site, overriding base_url in site.yaml.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Validate everything build reads; list every problem as file:line:column: message.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, then serve the site on http://127.0.0.1:PORT/, rebuilding and reloading the open page when content/ or themes/ change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
    },
    /// Monthly statistics: `stats import FILE --period YYYY-MM` turns a report export into content/statistics/YYYY-MM.csv.
    Stats {
        #[command(subcommand)]
        command: crate::import::StatsCommand,
    },
    /// Search the procedures with the index of the last build (the same ranking as the site's search page).
    #[cfg(feature = "search")]
    Search {
        /// What to look for, with or without diacritics (a code like 1.001193 works too).
        query: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How many results to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print the results as JSON (url, code, name, score).
        #[arg(long)]
        json: bool,
    },
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Build {
            root,
            out,
            base_url,
        } => {
            let r = pipeline::build(&BuildOptions {
                root,
                out,
                base_url,
            })?;
            println!(
                "built {} procedures, {} pages, {} files ({} KB) into {} in {} ms",
                r.procedures,
                r.pages,
                r.files,
                r.bytes / 1024,
                r.out.display(),
                r.millis
            );
            Ok(())
        }
        Command::Check { root } => {
            let portal = pipeline::check(&root)?;
            println!(
                "ok: {} procedures, {} units, {} fields, {} pages",
                portal.procedures.len(),
                portal.units.len(),
                portal.fields.len(),
                portal.pages.len()
            );
            Ok(())
        }
        #[cfg(feature = "search")]
        Command::Search {
            query,
            root,
            limit,
            json,
        } => crate::search::command(&root, &query, limit, json),
        Command::Stats { command } => crate::import::run(command),
        Command::Serve { root, port, bind } => serve::serve(&root, &bind, port),
    }
}
