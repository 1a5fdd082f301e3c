//! `baytrust`: the tools of signers and scheme operators: signing documents (CMS,
//! CAdES-B-B), checking organisation identifiers, and building and signing trust lists.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use baytrust::{Jurisdiction, OrgId};
use baytrust_cli::anchors::TrustArgs;
use baytrust_cli::auth::{run_connect, run_serve, AuthOptions, ConnectRequest, ServeRequest};
use baytrust_cli::clock::time_or_now;
use baytrust_cli::exit::{run_main, Failure, Outcome};
use baytrust_cli::output::stdout;
use baytrust_cli::sign::{pair_signers, run_sign, SignRequest};
use baytrust_cli::trust_list_tools::{run_build, run_sign_list, BuildRequest, SignListRequest};

const TOOL: &str = "baytrust";

/// Tools for signers and trust-scheme operators of the Greater Bay Area.
#[derive(Debug, Parser)]
#[command(
    name = TOOL,
    version,
    about = "Sign documents and build and sign trust lists for the Greater Bay Area scheme"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check an organisation identifier: canonical `NTRCN-…`, or `--jurisdiction` and
    /// the bare number. Prints the canonical form; exit 0 when valid, 4 when its check
    /// fails, 3 when it is not an identifier at all.
    OrgId {
        /// `NTRxx-<identifier>`, or the bare identifier with `--jurisdiction`.
        identifier: String,
        /// The jurisdiction of a bare identifier (CN, HK or MO).
        #[arg(long)]
        jurisdiction: Option<String>,
    },
    /// Sign a file as CMS SignedData with CAdES-B-B signed attributes, as `openssl cms
    /// -sign -binary` does: detached unless `--attached`, DER unless `--pem`. Give
    /// `--cert` and `--key` once per signer, paired by order, to co-sign. Exit 0 when
    /// written, 1 on a usage error, 2 when an input cannot be read, 3 when a
    /// certificate or key is malformed or a key is not its certificate's.
    Sign {
        /// A signer's certificate (DER or PEM; other certificates in the file are
        /// included like `--chain`). Repeatable, one per signer.
        #[arg(long, value_name = "FILE", required = true)]
        cert: Vec<String>,
        /// That signer's private key, PKCS#8 PEM or DER. Repeatable, paired with
        /// `--cert` by order.
        #[arg(long, value_name = "FILE", required = true)]
        key: Vec<String>,
        /// Extra certificates to include, such as the issuing CA (repeatable).
        #[arg(long, value_name = "FILE")]
        chain: Vec<String>,
        /// Carry the content inside the signature (default: detached).
        #[arg(long)]
        attached: bool,
        /// Write PEM (`-----BEGIN CMS-----`) instead of DER.
        #[arg(long)]
        pem: bool,
        /// Where to write the signature (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<String>,
        /// The signing time claimed, RFC 3339 (default: now).
        #[arg(long, value_name = "RFC3339")]
        signing_time: Option<String>,
        /// The file to sign (`-` for standard input).
        data: String,
    },
    /// Build and sign `baytrust-trust-list/1` trust lists (docs/trust-list.md).
    #[command(subcommand)]
    TrustList(TrustListCommand),
    /// Mutual authentication between two legal entities over TCP
    /// (docs/auth-protocol.md): each side proves which organisation it is with its
    /// certificate and key and judges the other under its own trust lists. Prints the
    /// peer authenticated (stdout) or why it was refused; exit 0 when authenticated, 4
    /// when refused (by either side), 1 on a usage error, 2 when an input or the
    /// connection cannot be read, 3 when a certificate or key is malformed.
    #[command(subcommand)]
    Auth(AuthCommand),
}

#[derive(Debug, Subcommand)]
enum AuthCommand {
    /// Answer sessions (the responder). Prints `listening on ADDR` on stderr once
    /// bound.
    Serve {
        /// Address to listen on, e.g. `127.0.0.1:4433` (port 0: any free port).
        #[arg(long, value_name = "ADDR")]
        listen: String,
        /// Write the bound address to this file once listening.
        #[arg(long, value_name = "FILE")]
        port_file: Option<String>,
        /// Serve one connection, then exit with its outcome.
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        options: AuthArgs,
    },
    /// Open a session with a responder (the initiator).
    Connect {
        /// The responder's address, `HOST:PORT`.
        address: String,
        #[command(flatten)]
        options: AuthArgs,
    },
}

/// The options of `auth serve` and `auth connect`.
#[derive(Debug, clap::Args)]
struct AuthArgs {
    /// Own organisation certificate (DER or PEM; further certificates in the file are
    /// sent as the chain).
    #[arg(long, value_name = "FILE")]
    cert: String,
    /// Its private key, PKCS#8 PEM or DER.
    #[arg(long, value_name = "FILE")]
    key: String,
    /// Chain certificates to send after the certificate (repeatable).
    #[arg(long, value_name = "FILE")]
    chain: Vec<String>,
    /// The canonical OrgId the peer must have, e.g. `NTRHK-12345678`.
    #[arg(long, value_name = "ORGID")]
    expect: Option<String>,
    /// Seconds to wait for each message.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    timeout: u64,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    trust: TrustArgs,
}

impl AuthArgs {
    fn into_options(self) -> AuthOptions {
        AuthOptions {
            cert: self.cert,
            key: self.key,
            chain: self.chain,
            trust: self.trust,
            expect: self.expect,
            timeout_seconds: self.timeout,
            json: self.json,
        }
    }
}

#[derive(Debug, Subcommand)]
enum TrustListCommand {
    /// Turn a description (the trust-list document with certificate file paths,
    /// relative to the description's folder, in `roots` and `issuing_cas`) into the
    /// document JSON, checked as relying parties check it. Exit 0 when written, 2 when
    /// a file cannot be read, 3 when the description or the resulting list is malformed.
    Build {
        /// The description JSON (`-` for standard input).
        description: String,
        /// Where to write the document (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<String>,
    },
    /// Sign a trust-list JSON file as an attached CMS SignedData (DER unless `--pem`),
    /// claiming the list's `issued` time as signing time. The list is checked first.
    /// Exit 0 when written, 2 when an input cannot be read, 3 when the list,
    /// certificate or key is malformed or the key is not the certificate's.
    Sign {
        /// The list signer's certificate (DER or PEM; other certificates in the file
        /// are included like `--chain`).
        #[arg(long, value_name = "FILE")]
        cert: String,
        /// Its private key, PKCS#8 PEM or DER.
        #[arg(long, value_name = "FILE")]
        key: String,
        /// Extra certificates to include (repeatable).
        #[arg(long, value_name = "FILE")]
        chain: Vec<String>,
        /// Write PEM (`-----BEGIN CMS-----`) instead of DER.
        #[arg(long)]
        pem: bool,
        /// Where to write the signed list (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<String>,
        /// The trust-list JSON (`-` for standard input).
        list: String,
    },
}

fn main() -> ExitCode {
    run_main::<Cli>(TOOL, run)
}

fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::Sign {
            cert,
            key,
            chain,
            attached,
            pem,
            out,
            signing_time,
            data,
        } => {
            let request = SignRequest {
                signers: pair_signers(cert, key)?,
                chain,
                attached,
                pem,
                out,
                signing_time: time_or_now(signing_time.as_deref(), "--signing-time")?,
                data,
            };
            run_sign(&request)
        }
        Command::TrustList(TrustListCommand::Build { description, out }) => {
            run_build(&BuildRequest { description, out })
        }
        Command::TrustList(TrustListCommand::Sign {
            cert,
            key,
            chain,
            pem,
            out,
            list,
        }) => run_sign_list(&SignListRequest {
            cert,
            key,
            chain,
            pem,
            out,
            list,
        }),
        Command::Auth(AuthCommand::Serve {
            listen,
            port_file,
            once,
            options,
        }) => run_serve(&ServeRequest {
            listen,
            port_file,
            once,
            options: options.into_options(),
        }),
        Command::Auth(AuthCommand::Connect { address, options }) => run_connect(&ConnectRequest {
            address,
            options: options.into_options(),
        }),
        Command::OrgId {
            identifier,
            jurisdiction,
        } => {
            let org_id = match jurisdiction {
                Some(code) => {
                    let jurisdiction: Jurisdiction =
                        code.parse().map_err(|e| Failure::malformed(&code, e))?;
                    OrgId::read(jurisdiction, &identifier)
                }
                None => OrgId::read_canonical(&identifier)
                    .map_err(|e| Failure::malformed(&identifier, e))?,
            };
            match org_id.check() {
                Ok(()) => {
                    stdout(&format!("{org_id}: valid\n"));
                    Ok(Outcome::Passed)
                }
                Err(e) => {
                    stdout(&format!("{org_id}: invalid: {e}\n"));
                    Ok(Outcome::TotalFailed)
                }
            }
        }
    }
}
