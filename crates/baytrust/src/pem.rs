//! PEM text (RFC 7468): the one splitter of input into `-----BEGIN …-----` …
//! `-----END …-----` blocks and the one decoder of a block with its label checked, used
//! by certificate, CMS, CRL/OCSP and private-key input. Explanatory text between blocks
//! is allowed (RFC 7468 §2).

use crate::Error;

const BEGIN: &[u8] = b"-----BEGIN ";
const END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn malformed(reason: &str) -> Error {
    Error::PemMalformed {
        reason: reason.to_owned(),
    }
}

/// A PEM block's bytes and the input after it.
type BlockAndRest<'a> = (&'a [u8], &'a [u8]);

/// The first PEM block of `input` — from its `-----BEGIN` line through the end of its
/// `-----END …-----` line — and the input after it; `None` when `input` has no BEGIN
/// line. A BEGIN line without an END line is [`Error::PemMalformed`].
pub(crate) fn first_block(input: &[u8]) -> Result<Option<BlockAndRest<'_>>, Error> {
    let Some(begin) = find(input, BEGIN) else {
        return Ok(None);
    };
    let from_begin = input.get(begin..).unwrap_or_default();
    let end =
        find(from_begin, END).ok_or_else(|| malformed("a BEGIN line has no matching END line"))?;
    let after_end_marker = end.saturating_add(END.len());
    let close = from_begin
        .get(after_end_marker..)
        .and_then(|after| find(after, DASHES))
        .ok_or_else(|| malformed("the END line is not closed with -----"))?;
    let block_len = after_end_marker
        .saturating_add(close)
        .saturating_add(DASHES.len());
    match (from_begin.get(..block_len), from_begin.get(block_len..)) {
        (Some(block), Some(rest)) => Ok(Some((block, rest))),
        _ => Err(malformed("the END line is cut short")),
    }
}

/// Every PEM block of `input`, in order (see [`first_block`]). Each block is at least
/// 20 bytes long, so the input's length bounds the loop.
pub(crate) fn blocks(input: &[u8]) -> Result<Vec<&[u8]>, Error> {
    let mut found = Vec::new();
    let mut rest = input;
    while let Some((block, after)) = first_block(rest)? {
        found.push(block);
        rest = after;
    }
    Ok(found)
}

/// Decodes one block (as [`first_block`] delimits it) whose label must be one of
/// `labels`: its DER. Another label is [`Error::PemWrongLabel`] naming `expected`; a
/// body that is not base64 is [`Error::PemMalformed`].
pub(crate) fn decode_block(
    block: &[u8],
    labels: &[&str],
    expected: &'static str,
) -> Result<Vec<u8>, Error> {
    let (label, der) = pem_rfc7468::decode_vec(block).map_err(|e| Error::PemMalformed {
        reason: e.to_string(),
    })?;
    if !labels.contains(&label) {
        return Err(Error::PemWrongLabel {
            found: label.to_owned(),
            expected,
        });
    }
    Ok(der)
}

/// Reads input that is DER (one structure, starting with a SEQUENCE tag) or PEM (any
/// number of blocks, each labelled `label`): each structure's DER, none parsed yet. A
/// block with another label is an error, not skipped: a bundle that silently loses a
/// member is worse than one that fails. Empty or all-whitespace input is
/// [`Error::EmptyInput`]; text without a block is [`Error::UnrecognisedEncoding`].
pub(crate) fn der_or_pem(input: &[u8], label: &'static str) -> Result<Vec<Vec<u8>>, Error> {
    if input.is_empty() {
        return Err(Error::EmptyInput);
    }
    if input.first() == Some(&0x30) {
        return Ok(vec![input.to_vec()]);
    }
    let found = blocks(input)?;
    if found.is_empty() {
        return Err(empty_or_unrecognised(input));
    }
    found
        .into_iter()
        .map(|block| decode_block(block, &[label], label))
        .collect()
}

/// [`Error::EmptyInput`] for input of white space only, else
/// [`Error::UnrecognisedEncoding`]: what input without DER or a PEM block is.
pub(crate) fn empty_or_unrecognised(input: &[u8]) -> Error {
    if input.iter().all(u8::is_ascii_whitespace) {
        Error::EmptyInput
    } else {
        Error::UnrecognisedEncoding
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NULL_BLOCK: &str = "-----BEGIN CRL-----\nBQA=\n-----END CRL-----";

    #[test]
    fn blocks_are_found_between_explanatory_text() {
        let text = format!("a\n{NULL_BLOCK}\nb\n{NULL_BLOCK}\n");
        let found = blocks(text.as_bytes()).unwrap();
        assert_eq!(found, vec![NULL_BLOCK.as_bytes(), NULL_BLOCK.as_bytes()]);
        assert_eq!(
            der_or_pem(text.as_bytes(), "CRL").unwrap(),
            vec![vec![5, 0], vec![5, 0]]
        );
    }

    #[test]
    fn an_unclosed_block_is_malformed_and_text_alone_unrecognised() {
        assert_eq!(
            blocks(b"-----BEGIN CRL-----\nBQA=\n"),
            Err(malformed("a BEGIN line has no matching END line"))
        );
        assert_eq!(
            blocks(b"-----BEGIN CRL-----\nBQA=\n-----END CRL"),
            Err(malformed("the END line is not closed with -----"))
        );
        assert_eq!(
            der_or_pem(b"hello", "CRL"),
            Err(Error::UnrecognisedEncoding)
        );
        assert_eq!(der_or_pem(b" \n", "CRL"), Err(Error::EmptyInput));
    }

    #[test]
    fn a_block_with_another_label_names_the_expected_one() {
        assert_eq!(
            decode_block(NULL_BLOCK.as_bytes(), &["CMS", "PKCS7"], "CMS"),
            Err(Error::PemWrongLabel {
                found: "CRL".into(),
                expected: "CMS"
            })
        );
    }
}
