//! Organisation identifiers: the valid and invalid vectors of DESIGN.md §1, the
//! canonical form, and a property test that the USCC check character catches every
//! single-character substitution.

use baytrust::identity::{
    uscc_check_character, IdentityProfile, IdentitySource, Jurisdiction, OrgId,
};
use baytrust::Error;
use proptest::prelude::*;

const VALID_USCCS: [&str; 4] = [
    "91350100M000100Y43",
    "91110000600037341L",
    "914403001922038216",
    "9144030071526726XG",
];
const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

#[test]
fn design_md_valid_usccs_pass_their_check() {
    for uscc in VALID_USCCS {
        assert_eq!(
            OrgId::parse(Jurisdiction::Cn, uscc).map(|o| o.canonical()),
            Ok(format!("NTRCN-{uscc}"))
        );
    }
}

#[test]
fn uscc_with_z_is_outside_the_alphabet() {
    assert_eq!(
        OrgId::read(Jurisdiction::Cn, "91350100M000100Y4Z").check(),
        Err(Error::UsccBadCharacter {
            value: "91350100M000100Y4Z".into(),
            position: 18,
            character: 'Z'
        })
    );
}

#[test]
fn uscc_with_wrong_check_character_is_refused() {
    let expected = uscc_check_character("91310115MA1H8R7C6").unwrap();
    assert_ne!(expected, 'D');
    assert_eq!(
        OrgId::read(Jurisdiction::Cn, "91310115MA1H8R7C6D").check(),
        Err(Error::UsccCheckMismatch {
            value: "91310115MA1H8R7C6D".into(),
            expected,
            found: 'D'
        })
    );
}

#[test]
fn uscc_of_wrong_length_is_refused() {
    assert_eq!(
        OrgId::read(Jurisdiction::Cn, "91350100M000100Y4").check(),
        Err(Error::UsccWrongLength {
            value: "91350100M000100Y4".into(),
            len: 17
        })
    );
}

#[test]
fn lower_case_uscc_is_not_silently_upper_cased() {
    assert!(matches!(
        OrgId::read(Jurisdiction::Cn, "9144030071526726xg").check(),
        Err(Error::UsccBadCharacter {
            position: 17,
            character: 'x',
            ..
        })
    ));
}

#[test]
fn hk_brn_long_form_normalises_to_eight_digits() {
    for long in ["12345678-000-01-23-4", "12345678-000", "12345678"] {
        let org_id = OrgId::parse(Jurisdiction::Hk, long).unwrap();
        assert_eq!(org_id.canonical(), "NTRHK-12345678");
    }
}

#[test]
fn hk_dummy_numbers_are_c_or_f_with_seven_digits() {
    assert!(OrgId::parse(Jurisdiction::Hk, "C1234567").is_ok());
    assert!(OrgId::parse(Jurisdiction::Hk, "F7654321").is_ok());
    assert_eq!(
        OrgId::read(Jurisdiction::Hk, "X1234567").check(),
        Err(Error::HkBrnMalformed {
            value: "X1234567".into(),
            reason: "a BRN starts with a digit, C or F"
        })
    );
    assert_eq!(
        OrgId::read(Jurisdiction::Hk, "C123456").check(),
        Err(Error::HkBrnMalformed {
            value: "C123456".into(),
            reason: "a C/F dummy number is the letter and 7 digits"
        })
    );
    assert_eq!(
        OrgId::read(Jurisdiction::Hk, "1234567").check(),
        Err(Error::HkBrnMalformed {
            value: "1234567".into(),
            reason: "a BRN is 8 digits"
        })
    );
}

#[test]
fn macao_numbers_are_checked_for_length_and_characters_only() {
    assert!(OrgId::parse(Jurisdiction::Mo, "40321").is_ok());
    assert!(OrgId::parse(Jurisdiction::Mo, "SO81234").is_ok());
    assert_eq!(
        OrgId::read(Jurisdiction::Mo, "12 34").check(),
        Err(Error::MoRegistrationMalformed {
            value: "12 34".into(),
            reason: "it holds characters other than letters and digits"
        })
    );
    assert!(matches!(
        OrgId::read(Jurisdiction::Mo, &"1".repeat(21)).check(),
        Err(Error::MoRegistrationMalformed {
            reason: "it is longer than 20 characters",
            ..
        })
    ));
}

#[test]
fn canonical_form_splits_at_the_leftmost_hyphen() {
    let org_id = OrgId::read_canonical("NTRHK-12345678-000-01-23-4").unwrap();
    assert_eq!(org_id.jurisdiction(), Jurisdiction::Hk);
    assert_eq!(org_id.identifier(), "12345678");
    let mo = OrgId::read_canonical("NTRMO-SO-81234").unwrap();
    assert_eq!(mo.identifier(), "SO-81234");
    assert!(!mo.is_valid());
}

#[test]
fn the_strict_canonical_reading_normalises_nothing_and_checks_the_identifier() {
    let hk = OrgId::parse_canonical("NTRHK-12345678").unwrap();
    assert_eq!(hk.canonical(), "NTRHK-12345678");
    let cn = OrgId::parse_canonical("NTRCN-91110000600037341L").unwrap();
    assert_eq!(cn.jurisdiction(), Jurisdiction::Cn);
    // Read leniently, each of these normalises to (or names) a valid OrgId; strictly,
    // each is refused, naming its text.
    for text in ["NTRHK-12345678-000", "NTRHK-12345678 "] {
        assert!(OrgId::read_canonical(text).is_ok(), "{text:?}");
        assert_eq!(
            OrgId::parse_canonical(text),
            Err(Error::CanonicalOrgIdMalformed {
                value: text.into(),
                reason: "it is not in canonical form"
            }),
            "{text:?}"
        );
    }
    // The registry's own rules: a wrong USCC check character, a short BRN.
    assert_eq!(
        OrgId::parse_canonical("NTRCN-91110000600037341X"),
        Err(Error::UsccCheckMismatch {
            value: "91110000600037341X".into(),
            expected: 'L',
            found: 'X'
        })
    );
    let full_width = "NTRHK-\u{ff11}\u{ff12}\u{ff13}\u{ff14}\u{ff15}\u{ff16}\u{ff17}\u{ff18}";
    assert!(matches!(
        OrgId::parse_canonical(full_width),
        Err(Error::HkBrnMalformed { .. })
    ));
    assert!(OrgId::read_canonical("NTRHK-1").is_ok());
    assert!(matches!(
        OrgId::parse_canonical("NTRHK-1"),
        Err(Error::HkBrnMalformed { .. })
    ));
}

#[test]
fn canonical_form_errors_name_the_broken_part() {
    assert_eq!(
        OrgId::read_canonical("VATCN-91350100M000100Y43"),
        Err(Error::CanonicalOrgIdMalformed {
            value: "VATCN-91350100M000100Y43".into(),
            reason: "it does not start with NTR"
        })
    );
    assert_eq!(
        OrgId::read_canonical("NTRCN91350100M000100Y43"),
        Err(Error::CanonicalOrgIdMalformed {
            value: "NTRCN91350100M000100Y43".into(),
            reason: "no hyphen after the country code"
        })
    );
    assert_eq!(
        OrgId::read_canonical("NTRCN-"),
        Err(Error::CanonicalOrgIdMalformed {
            value: "NTRCN-".into(),
            reason: "the identifier after the hyphen is empty"
        })
    );
    assert_eq!(
        OrgId::read_canonical("NTRTW-12345678"),
        Err(Error::UnknownJurisdiction { code: "TW".into() })
    );
}

#[test]
fn jurisdiction_codes_round_trip() {
    for j in Jurisdiction::ALL {
        assert_eq!(j.code().parse::<Jurisdiction>(), Ok(j));
    }
    assert_eq!(
        "hk".parse::<Jurisdiction>(),
        Err(Error::UnknownJurisdiction { code: "hk".into() })
    );
}

#[test]
fn identity_sources_parse_and_print() {
    let source: IdentitySource = "extension:1.2.156.10260.4.1.4".parse().unwrap();
    assert_eq!(
        source,
        IdentitySource::Extension("1.2.156.10260.4.1.4".into())
    );
    assert_eq!(source.to_string(), "extension:1.2.156.10260.4.1.4");
    assert!(matches!(
        "issuer:2.5.4.10".parse::<IdentitySource>(),
        Err(Error::IdentityProfileMalformed { .. })
    ));
    assert!(matches!(
        "subject:O".parse::<IdentitySource>(),
        Err(Error::IdentityProfileMalformed { .. })
    ));
    assert!(matches!(
        "subject:2..5".parse::<IdentitySource>(),
        Err(Error::IdentityProfileMalformed { .. })
    ));
}

#[test]
fn profile_pattern_must_have_exactly_one_capture_group() {
    let no_group = IdentityProfile::new(
        Jurisdiction::Hk,
        "subject:2.5.4.10",
        "subject:2.5.4.11",
        Some(r"BRN \d+"),
        None,
    );
    assert!(matches!(
        no_group,
        Err(Error::IdentityProfileMalformed { .. })
    ));
    let bad_regex = IdentityProfile::new(
        Jurisdiction::Hk,
        "subject:2.5.4.10",
        "subject:2.5.4.11",
        Some(r"BRN (\d+"),
        None,
    );
    assert!(matches!(
        bad_regex,
        Err(Error::IdentityProfileMalformed { .. })
    ));
    let good = IdentityProfile::new(
        Jurisdiction::Hk,
        "subject:2.5.4.10",
        "subject:2.5.4.11",
        Some(r"BRN (\d{8})"),
        Some("subject:2.5.4.3"),
    );
    assert!(good.is_ok());
}

proptest! {
    /// GB 32100-2015's check character is a mod-31 weighted sum with weights coprime
    /// to 31, so changing any one character to any other alphabet character changes
    /// the sum: every single substitution must be caught.
    #[test]
    fn every_single_character_substitution_in_a_valid_uscc_is_caught(
        which in 0usize..VALID_USCCS.len(),
        position in 0usize..18,
        replacement in 0usize..31,
    ) {
        let valid: Vec<char> = VALID_USCCS[which].chars().collect();
        let new_char = USCC_ALPHABET.chars().nth(replacement).unwrap();
        prop_assume!(valid[position] != new_char);
        let mut changed = valid.clone();
        changed[position] = new_char;
        let changed: String = changed.into_iter().collect();
        let result = OrgId::read(Jurisdiction::Cn, &changed).check();
        prop_assert!(
            matches!(result, Err(Error::UsccCheckMismatch { .. })),
            "{changed} passed: {result:?}"
        );
    }
}

/// The same property checked exhaustively, so no case depends on the random draw.
#[test]
fn every_single_character_substitution_is_caught_exhaustively() {
    for valid in VALID_USCCS {
        let chars: Vec<char> = valid.chars().collect();
        for position in 0..18 {
            for replacement in USCC_ALPHABET.chars().filter(|&c| c != chars[position]) {
                let mut changed = chars.clone();
                changed[position] = replacement;
                let changed: String = changed.into_iter().collect();
                assert!(
                    matches!(
                        OrgId::read(Jurisdiction::Cn, &changed).check(),
                        Err(Error::UsccCheckMismatch { .. })
                    ),
                    "{changed} passed"
                );
            }
        }
    }
}
