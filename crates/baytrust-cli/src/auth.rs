//! `baytrust auth serve|connect`: the mutual authentication protocol (baytrust::auth,
//! docs/auth-protocol.md) over TCP — one session per connection, each message in a
//! frame of a 4-byte big-endian length and the bytes, a read timeout — printing the
//! peer authenticated or why it was refused; exit 0 or 4.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use baytrust::{
    AuthPolicy, AuthenticatedPeer, Credentials, Error, Initiator, Message1, Message2, Message3,
    OrgId, ReplayCache, Responder, SystemNonceSource, Time, Verifier, AUTH_MAX_MESSAGE_BYTES,
};
use serde::Serialize;

use crate::anchors::TrustArgs;
use crate::exit::{Failure, Outcome};
use crate::input::{read_certificates, read_signing_key};
use crate::output::{stderr_line, stdout};
use crate::terminal_text::{escape, to_json_pretty};

/// Frame payloads starting with this byte are a refusal: the UTF-8 reason follows
/// (protocol messages are DER SEQUENCEs and start with 0x30).
const REFUSAL_TAG: u8 = 0x00;

/// The one-byte frame a responder sends after accepting message 3, so that the
/// initiator, which finishes first, learns whether it was accepted.
const ACCEPTED_FRAME: [u8; 1] = [0x01];

/// Most bytes of a refusal reason sent or read.
const MAX_REFUSAL_BYTES: usize = 1024;

/// The options both roles share.
#[derive(Debug, Clone)]
pub struct AuthOptions {
    /// Own certificate file (other certificates in it are sent as the chain).
    pub cert: String,
    /// Its PKCS#8 private key.
    pub key: String,
    /// Extra chain certificate files.
    pub chain: Vec<String>,
    /// How the peer is judged.
    pub trust: TrustArgs,
    /// The canonical OrgId the peer must have.
    pub expect: Option<String>,
    /// Seconds to wait for each frame.
    pub timeout_seconds: u64,
    /// Print the result as JSON on stdout.
    pub json: bool,
}

/// `baytrust auth serve`.
#[derive(Debug, Clone)]
pub struct ServeRequest {
    /// `ADDR:PORT` to listen on (port 0: any free port).
    pub listen: String,
    /// Where to write the bound address, once listening.
    pub port_file: Option<String>,
    /// Serve one connection and exit with its outcome.
    pub once: bool,
    /// The shared options.
    pub options: AuthOptions,
}

/// `baytrust auth connect`.
#[derive(Debug, Clone)]
pub struct ConnectRequest {
    /// `HOST:PORT` of the responder.
    pub address: String,
    /// The shared options.
    pub options: AuthOptions,
}

/// What one session ended with: the value printed (human or `--json`).
#[derive(Debug, Serialize)]
pub struct SessionResult {
    /// `initiator` or `responder`: this side's role.
    pub role: &'static str,
    /// Whether the peer was authenticated.
    pub authenticated: bool,
    /// The peer's legal entity.
    pub peer: Option<baytrust::LegalEntity>,
    /// The trust list recognising it.
    pub recognition: Option<baytrust::Recognition>,
    /// The session binding, hex.
    pub session_binding: Option<String>,
    /// Who refused: `local` (this side) or `peer`.
    pub refused_by: Option<&'static str>,
    /// The error's kind when this side refused (`AuthPeerNotRecognised`, …).
    pub error_kind: Option<&'static str>,
    /// Why the session failed.
    pub error: Option<String>,
}

impl SessionResult {
    fn authenticated(role: &'static str, peer: AuthenticatedPeer) -> Self {
        Self {
            role,
            authenticated: true,
            session_binding: Some(peer.session_binding_hex()),
            peer: Some(peer.entity),
            recognition: peer.recognition,
            refused_by: None,
            error_kind: None,
            error: None,
        }
    }

    fn refused(role: &'static str, refusal: Refusal) -> Self {
        let (refused_by, error_kind, error) = match refusal {
            Refusal::Local(error) => ("local", Some(error.kind()), error.to_string()),
            Refusal::Peer(reason) => ("peer", None, reason),
        };
        Self {
            role,
            authenticated: false,
            peer: None,
            recognition: None,
            session_binding: None,
            refused_by: Some(refused_by),
            error_kind,
            error: Some(error),
        }
    }

    /// Exit 0 when authenticated, else 4.
    pub fn outcome(&self) -> Outcome {
        if self.authenticated {
            Outcome::Passed
        } else {
            Outcome::TotalFailed
        }
    }
}

/// Why a session did not complete.
enum Refusal {
    /// This side refused the peer's message.
    Local(Error),
    /// The peer refused ours and said why.
    Peer(String),
}

/// A session's failure: a refusal, or the connection failing (exit 2).
enum SessionFailure {
    Refused(Refusal),
    Io(Failure),
}

impl From<Error> for SessionFailure {
    fn from(error: Error) -> Self {
        SessionFailure::Refused(Refusal::Local(error))
    }
}

/// What both roles build from the options before any connection.
struct Party {
    verifier: Verifier,
    credentials: Credentials,
    policy: AuthPolicy,
    now: Option<Time>,
}

impl Party {
    fn new(options: &AuthOptions) -> Result<Self, Failure> {
        let list_time = options.trust.now()?;
        let verifier = options.trust.verifier(list_time)?;
        let mut chain = read_certificates(&options.cert)?;
        for path in &options.chain {
            chain.extend(read_certificates(path)?);
        }
        let key = read_signing_key(&options.key)?;
        let credentials =
            Credentials::new(chain, key).map_err(|e| Failure::malformed(&options.cert, e))?;
        let expected_peer = options
            .expect
            .as_deref()
            .map(|text| {
                OrgId::parse_canonical(text).map_err(|e| Failure {
                    outcome: Outcome::Usage,
                    message: format!("--expect {text}: {e}"),
                })
            })
            .transpose()?;
        let policy = AuthPolicy {
            expected_peer,
            // Plain anchors (`--cafile` only) recognise nothing: then a valid chain
            // suffices.
            require_recognition: !options.trust.trust_list.is_empty()
                || !options.trust.insecure_unsigned_trust_list.is_empty(),
            ..AuthPolicy::default()
        };
        Ok(Self {
            verifier,
            credentials,
            policy,
            now: options.trust.now.is_some().then_some(list_time),
        })
    }

    /// The protocol time: `--now` when given (fixed), else the clock at each message.
    fn time(&self) -> Result<Time, SessionFailure> {
        match self.now {
            Some(now) => Ok(now),
            None => crate::clock::now().map_err(SessionFailure::Io),
        }
    }
}

/// Runs `baytrust auth serve`: listens, prints `listening on ADDR` on stderr (and
/// writes ADDR to `--port-file`), then answers sessions one connection at a time,
/// sharing one replay cache. With `--once`, exits with the first session's outcome.
pub fn run_serve(request: &ServeRequest) -> Result<Outcome, Failure> {
    let party = Party::new(&request.options)?;
    let listener = TcpListener::bind(&request.listen).map_err(|e| Failure {
        outcome: Outcome::Usage,
        message: format!("--listen {}: {e}", request.listen),
    })?;
    let bound = listener
        .local_addr()
        .map_err(|e| Failure::unreadable(&request.listen, e))?;
    announce(bound, request.port_file.as_deref())?;
    let cache = ReplayCache::default();
    let responder = Responder::new(&party.verifier, &party.credentials, &cache)
        .with_policy(party.policy.clone());
    loop {
        let session = listener
            .accept()
            .map_err(|e| Failure::unreadable(&request.listen, e))
            .and_then(|(stream, _peer_address)| {
                let result = serve_one(&party, &responder, stream, request.options.timeout_seconds);
                present("responder", result, request.options.json)
            });
        match session {
            _ if request.once => return session,
            Ok(_) => {}
            // A connection that fails (a silent or vanished client) ends only itself.
            Err(failure) => stderr_line(&format!("baytrust: {}", escape(&failure.message))),
        }
    }
}

/// Runs `baytrust auth connect`: one session with the responder at the address.
pub fn run_connect(request: &ConnectRequest) -> Result<Outcome, Failure> {
    let party = Party::new(&request.options)?;
    let stream = TcpStream::connect(&request.address)
        .map_err(|e| Failure::unreadable(&request.address, e))?;
    let cache = ReplayCache::default();
    let initiator = Initiator::new(&party.verifier, &party.credentials, &cache)
        .with_policy(party.policy.clone());
    let result = connect_one(&party, &initiator, stream, request.options.timeout_seconds);
    present("initiator", result, request.options.json)
}

fn announce(bound: SocketAddr, port_file: Option<&str>) -> Result<(), Failure> {
    stderr_line(&format!("listening on {bound}"));
    if let Some(path) = port_file {
        // Written whole under another name, then renamed: a reader never sees half.
        let partial = format!("{path}.partial");
        std::fs::write(&partial, bound.to_string())
            .and_then(|()| std::fs::rename(&partial, path))
            .map_err(|e| Failure {
                outcome: Outcome::Unreadable,
                message: format!("{path}: cannot write: {e}"),
            })?;
    }
    Ok(())
}

fn serve_one(
    party: &Party,
    responder: &Responder<'_>,
    mut stream: TcpStream,
    timeout_seconds: u64,
) -> Result<AuthenticatedPeer, SessionFailure> {
    set_timeouts(&stream, timeout_seconds)?;
    let outcome = (|| {
        let message1 = Message1::from_der(&read_frame(&mut stream)?)?;
        let (confirming, message2) =
            responder.respond(&message1, party.time()?, &mut SystemNonceSource)?;
        write_frame(&mut stream, message2.as_bytes())?;
        let message3 = Message3::from_der(&read_frame(&mut stream)?)?;
        let peer = confirming.finish(&message3, party.time()?)?;
        write_frame(&mut stream, &ACCEPTED_FRAME)?;
        Ok(peer)
    })();
    refuse_on_error(&mut stream, outcome)
}

fn connect_one(
    party: &Party,
    initiator: &Initiator<'_>,
    mut stream: TcpStream,
    timeout_seconds: u64,
) -> Result<AuthenticatedPeer, SessionFailure> {
    set_timeouts(&stream, timeout_seconds)?;
    let outcome = (|| {
        let (waiting, message1) = initiator.start(party.time()?, &mut SystemNonceSource)?;
        write_frame(&mut stream, message1.as_bytes())?;
        let message2 = Message2::from_der(&read_frame(&mut stream)?)?;
        let (peer, message3) = waiting.finish(&message2, party.time()?)?;
        write_frame(&mut stream, message3.as_bytes())?;
        // The responder's verdict on message 3: accepted, or a refusal frame.
        if read_frame(&mut stream)? != ACCEPTED_FRAME {
            return Err(SessionFailure::Io(Failure::malformed(
                "connection",
                "the responder sent neither acceptance nor refusal after message 3",
            )));
        }
        Ok(peer)
    })();
    refuse_on_error(&mut stream, outcome)
}

/// When this side refused, tells the peer why (best effort) before closing.
fn refuse_on_error(
    stream: &mut TcpStream,
    outcome: Result<AuthenticatedPeer, SessionFailure>,
) -> Result<AuthenticatedPeer, SessionFailure> {
    if let Err(SessionFailure::Refused(Refusal::Local(error))) = &outcome {
        let mut frame = vec![REFUSAL_TAG];
        let reason = format!("{error} [{}]", error.kind());
        let mut end = reason.len().min(MAX_REFUSAL_BYTES);
        while !reason.is_char_boundary(end) {
            end = end.saturating_sub(1);
        }
        frame.extend_from_slice(reason.get(..end).unwrap_or_default().as_bytes());
        let _ = write_frame(stream, &frame);
    }
    outcome
}

fn set_timeouts(stream: &TcpStream, seconds: u64) -> Result<(), SessionFailure> {
    let timeout = Some(Duration::from_secs(seconds.max(1)));
    stream
        .set_read_timeout(timeout)
        .and_then(|()| stream.set_write_timeout(timeout))
        .map_err(|e| SessionFailure::Io(Failure::unreadable("connection", e)))
}

/// Reads one frame: a 4-byte big-endian length (at most the protocol's message cap,
/// checked before reading the body), then the bytes. A refusal frame from the peer
/// ends the session with its reason.
fn read_frame(stream: &mut TcpStream) -> Result<Vec<u8>, SessionFailure> {
    let io = |e: std::io::Error| SessionFailure::Io(Failure::unreadable("connection", e));
    let mut length = [0u8; 4];
    stream.read_exact(&mut length).map_err(io)?;
    let length = usize::try_from(u32::from_be_bytes(length)).unwrap_or(usize::MAX);
    if length > AUTH_MAX_MESSAGE_BYTES {
        return Err(SessionFailure::Refused(Refusal::Local(
            Error::AuthMessageTooLarge {
                message: "frame",
                len: length,
                max: AUTH_MAX_MESSAGE_BYTES,
            },
        )));
    }
    let mut bytes = vec![0u8; length];
    stream.read_exact(&mut bytes).map_err(io)?;
    if bytes.first() == Some(&REFUSAL_TAG) {
        let reason = bytes.get(1..).unwrap_or_default();
        let reason = String::from_utf8_lossy(reason.get(..MAX_REFUSAL_BYTES).unwrap_or(reason));
        return Err(SessionFailure::Refused(Refusal::Peer(reason.into_owned())));
    }
    Ok(bytes)
}

fn write_frame(stream: &mut TcpStream, bytes: &[u8]) -> Result<(), SessionFailure> {
    let length = u32::try_from(bytes.len())
        .map_err(|_| SessionFailure::Io(Failure::unreadable("connection", "frame too large")))?;
    stream
        .write_all(&length.to_be_bytes())
        .and_then(|()| stream.write_all(bytes))
        .and_then(|()| stream.flush())
        .map_err(|e| SessionFailure::Io(Failure::unreadable("connection", e)))
}

/// Prints a session's result — the peer on stdout (or the JSON value), the status on
/// stderr as `Authentication successful` / `Authentication failure: …` — and gives
/// its outcome; a connection failure is exit 2.
fn present(
    role: &'static str,
    result: Result<AuthenticatedPeer, SessionFailure>,
    json: bool,
) -> Result<Outcome, Failure> {
    let result = match result {
        Ok(peer) => SessionResult::authenticated(role, peer),
        Err(SessionFailure::Refused(refusal)) => SessionResult::refused(role, refusal),
        Err(SessionFailure::Io(failure)) => return Err(failure),
    };
    if json {
        let text = to_json_pretty(&result).map_err(|e| Failure::malformed("report", e))?;
        stdout(&format!("{text}\n"));
    } else if let Some(peer) = &result.peer {
        let mut text = format!(
            "peer: {}\norg_id: {}\njurisdiction: {}\n",
            escape(&peer.organisation),
            escape(&peer.org_id.canonical()),
            peer.jurisdiction,
        );
        if let Some(person) = &peer.authorised_person {
            text.push_str(&format!("authorised_person: {}\n", escape(person)));
        }
        if let Some(recognition) = &result.recognition {
            text.push_str(&format!(
                "recognised_by: {} trust list #{} ({})\n",
                recognition.jurisdiction,
                recognition.trust_list_sequence,
                escape(&recognition.service)
            ));
        }
        if let Some(binding) = &result.session_binding {
            text.push_str(&format!("session_binding: {binding}\n"));
        }
        stdout(&text);
    }
    match (&result.error, result.refused_by) {
        (None, _) => stderr_line("Authentication successful"),
        (Some(error), Some("peer")) => stderr_line(&format!(
            "Authentication failure: the peer refused us: {}",
            escape(error)
        )),
        (Some(error), _) => stderr_line(&format!(
            "Authentication failure: {} [{}]",
            escape(error),
            result.error_kind.unwrap_or("")
        )),
    }
    Ok(result.outcome())
}
