//! Command-line flags: every subcommand and option in one place.

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "sitrep",
    version,
    about = "News in, evidence out: who did what to whom, when and where, according to whom, and how sure."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command that reads inputs.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Force the input format instead of detecting it: text, html, jsonl, warc, feed.
    #[arg(long)]
    pub input_format: Option<String>,
    /// Largest document accepted, in MB; larger documents are reported and skipped.
    #[arg(long, default_value_t = 32)]
    pub max_doc_mb: usize,
}

/// Options for the lexicon.
#[derive(Debug, Args, Clone, Default)]
pub struct LexiconArgs {
    /// A directory of lexicon files loaded over the defaults (repeatable; later wins).
    #[arg(long = "lexicon", value_name = "DIR")]
    pub lexicon: Vec<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read, repair and segment documents; print one analysis per document.
    Analyze {
        /// Print JSON (one object per document, JSONL when there are several).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Print the repaired text of a file (or stdin), line breaks kept.
    Repair {
        /// A file, or `-` for stdin.
        #[arg(default_value = "-")]
        input: String,
        /// List each change (offset, before, after, rule) on stderr.
        #[arg(long)]
        explain: bool,
    },
    /// Show how the coder reads a text: tokens, mentions, patterns, roles, cues, events.
    Explain {
        /// The text to explain.
        text: String,
        /// The document date, for resolving "on Friday" and offices.
        #[arg(long)]
        date: Option<String>,
        /// Print the analysis object as JSON instead.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Score the coder against a PLOVER gold file, modality contrast pairs or actor cases.
    Eval {
        /// The gold file: PLOVER records (JSON array), or with --modality a
        /// JSONL of contrast pairs, or with --actors actor-resolution cases.
        file: std::path::PathBuf,
        /// The file holds modality contrast pairs (JSONL).
        #[arg(long, conflicts_with = "actors")]
        modality: bool,
        /// The file holds actor-resolution cases (phrase, context, date → country, sector).
        #[arg(long)]
        actors: bool,
        /// List every miss.
        #[arg(long)]
        verbose: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Validate the lexicon or look a phrase up in it.
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
    /// Code events: one PLOVER event per line.
    Code {
        /// Output format.
        #[arg(long, default_value = "jsonl")]
        format: String,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Validate every lexicon file and print counts per kind.
    Check {
        /// Print a JSON object with `counts`, `errors`, `warnings`, `version`.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Show what a phrase resolves to and which entry matched.
    Lookup {
        /// The phrase, e.g. "Foreign Minister Choe Son-hui".
        phrase: String,
        /// Resolve offices at this date (YYYY-MM-DD; default: today's offices).
        #[arg(long)]
        date: Option<String>,
        /// Text around the phrase (a sentence, a country) that supplies the
        /// country when the phrase names none.
        #[arg(long, default_value = "")]
        context: String,
        /// Print the best match as a JSON object.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
}
