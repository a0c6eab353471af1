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
    /// The language of messages: vi (tiếng Việt, the default) or en; else CONGKHAI_LANG or the locale.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::i18n::Lang>,
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
        /// Threads to build with (default: one per core); the site is the same whatever it is.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
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
    /// Write a new file to fill in: `new procedure --level commune --field ho-tich "Đăng ký khai sinh"`.
    New {
        #[command(subcommand)]
        command: NewCommand,
    },
    /// Start a new portal in DIR: a minimal content/ that builds, and the default theme to edit.
    Init {
        /// The folder of the new portal (created if missing; must not have content/ yet).
        dir: PathBuf,
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

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A procedure file with every key of the content format; `check` lists what is left to fill in.
    Procedure {
        /// The level that handles it.
        #[arg(long, value_enum)]
        level: LevelArg,
        /// A field slug from content/fields.yaml.
        #[arg(long)]
        field: String,
        /// The procedure's name, in Vietnamese with diacritics.
        name: String,
        /// The file name and URL (default: the name without diacritics, words joined by -).
        #[arg(long)]
        slug: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LevelArg {
    District,
    Commune,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Some(lang) = cli.lang {
        crate::i18n::set(lang);
    }
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
            jobs,
        } => {
            let r = pipeline::build(&BuildOptions {
                root,
                out,
                base_url,
                jobs: jobs.map(usize::from),
            })?;
            print_warnings(&r.warnings);
            println!(
                "{}",
                crate::tr!(
                    "built",
                    procedures = r.procedures,
                    pages = r.pages,
                    files = r.files,
                    kb = r.bytes / 1024,
                    out = r.out.display(),
                    ms = r.millis
                )
            );
            Ok(())
        }
        Command::Check { root } => {
            let portal = pipeline::check(&root)?;
            print_warnings(&portal.warnings);
            // Procedures without a code are valid, but the team should see how many remain.
            let uncoded = portal
                .procedures
                .iter()
                .filter(|p| p.code.is_none())
                .count();
            let uncoded = if uncoded > 0 {
                format!(" {}", crate::tr!("check-uncoded", count = uncoded))
            } else {
                String::new()
            };
            println!(
                "{}",
                crate::tr!(
                    "check-ok",
                    procedures = portal.procedures.len(),
                    uncoded = uncoded,
                    units = portal.units.len(),
                    fields = portal.fields.len(),
                    pages = portal.pages.len()
                )
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
        Command::New {
            command:
                NewCommand::Procedure {
                    level,
                    field,
                    name,
                    slug,
                    root,
                },
        } => {
            let path = crate::scaffold::new_procedure(&crate::scaffold::NewProcedure {
                root: &root,
                level: match level {
                    LevelArg::District => crate::model::Level::District,
                    LevelArg::Commune => crate::model::Level::Commune,
                },
                field: &field,
                name: &name,
                slug: slug.as_deref(),
                today: &today(),
            })?;
            println!("{}", crate::tr!("new-wrote", path = path.display()));
            Ok(())
        }
        Command::Init { dir } => {
            let written = crate::scaffold::init(&dir)?;
            println!(
                "{}",
                crate::tr!("init-wrote", count = written.len(), dir = dir.display())
            );
            Ok(())
        }
        Command::Serve { root, port, bind } => serve::serve(&root, &bind, port),
    }
}

/// Today's date (UTC) as YYYY-MM-DD, for the `updated` key of a new file.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Warnings go to stderr like problems, but the command still succeeds.
fn print_warnings(warnings: &[crate::diag::Diagnostic]) {
    for w in warnings {
        let mut w = w.clone();
        w.message = crate::tr!("warning-prefix", message = w.message);
        eprintln!("{w}");
    }
    match warnings.len() {
        0 => {}
        1 => eprintln!("{}", crate::tr!("warnings-one")),
        n => eprintln!("{}", crate::tr!("warnings-many", count = n)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(18_397), (2020, 5, 15));
        assert_eq!(super::civil_from_days(19_782), (2024, 2, 29));
    }
}
