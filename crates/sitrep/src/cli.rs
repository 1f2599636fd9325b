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
    /// Force the input format instead of detecting it: text, html, jsonl, warc, feed, csv (or tsv).
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

/// The event store.
#[derive(Debug, Args, Clone)]
pub struct StoreArgs {
    /// The store: one SQLite file, created by `sitrep ingest`.
    #[arg(long, value_name = "FILE", default_value = "sitrep.db")]
    pub db: std::path::PathBuf,
}

/// Which stored events: the filters of `events`, `actors` and `export`.
#[derive(Debug, Args, Clone, Default)]
pub struct EventFilterArgs {
    /// Events whose actor has this code (RUS), code and sector (RUSMIL) or identifier.
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Events whose recipient has this code.
    #[arg(long, value_name = "CODE")]
    pub recipient: Option<String>,
    /// Events between two actors, either way round.
    #[arg(long, value_name = "A,B")]
    pub dyad: Option<String>,
    /// A PLOVER event type (ASSAULT, ACCUSE, ...).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// reported, intended, conditional, alleged, denied, negated or speculative.
    #[arg(long)]
    pub status: Option<String>,
    /// Events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Events on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Events of documents from this outlet (a domain: rt.com).
    #[arg(long, value_name = "DOMAIN")]
    pub outlet: Option<String>,
    /// Events of documents from outlets of this ownership: state, public, private or user.
    #[arg(long)]
    pub ownership: Option<String>,
    /// Events whose sentence holds all these words.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Every document's events, not one record per story of near-duplicate documents.
    #[arg(long)]
    pub all_mentions: bool,
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
        /// Before each document's events, write one `{"document": {...}}`
        /// line with what the store derives from the document alone (content
        /// hash, URL, outlet, day, MinHash signature, event keys, claims),
        /// so that a cluster job (contrib/spark) can do the store's
        /// cross-document steps itself.
        #[arg(long)]
        documents: bool,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Store documents and their events (idempotent: stored documents are skipped).
    Ingest {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Re-code stored documents with the current lexicon.
    Recode {
        #[command(flatten)]
        store: StoreArgs,
        /// Re-code every document, not only those coded by another lexicon version.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// List stored events.
    Events {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        filter: EventFilterArgs,
        /// At most this many events (a table shows 50 unless told).
        #[arg(long)]
        limit: Option<u64>,
        /// table, json (an array of events as `sitrep code` writes them) or csv.
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// The claim ledger: who alleges, denies, confirms or declines to confirm what, where.
    Claims {
        #[command(flatten)]
        store: StoreArgs,
        /// At most this many claims.
        #[arg(long)]
        limit: Option<u64>,
        /// table or json.
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// The most active actors and dyads, with cooperation and conflict counts.
    Actors {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        filter: EventFilterArgs,
        /// How many actors and dyads to list.
        #[arg(long, default_value_t = 20)]
        limit: u64,
        /// table or json.
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Show a stored document with its segments and events.
    Show {
        #[command(flatten)]
        store: StoreArgs,
        /// Content hash (or a unique prefix of it) or the input's own id.
        doc_id: String,
        /// Print the analysis object (as `sitrep analyze --json`).
        #[arg(long)]
        json: bool,
    },
    /// What the store holds.
    Stats {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long)]
        json: bool,
    },
    /// Measure each stage's speed on your inputs (read, build, code, write) against a bare name scan.
    Bench {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        lexicon: LexiconArgs,
        /// Run each stage this many times and keep the fastest.
        #[arg(long, default_value_t = 3)]
        repeat: usize,
    },
    /// Export stored events: plover (JSONL), gdelt (GDELT 2.0 TSV), csv or parquet.
    Export {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long)]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        #[command(flatten)]
        filter: EventFilterArgs,
    },
    /// Serve the store over HTTP: a JSON API and a web UI (loopback only unless told otherwise).
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        /// Where to listen. 0.0.0.0:PORT lets other machines in; POST /api/ingest also needs SITREP_TOKEN set.
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
        addr: String,
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
