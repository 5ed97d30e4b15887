//! `Accept-Language` negotiation and the localised `joinInformation` invitation.
//!
//! Graph answers `joinInformation.content` as a `data:text/html,` URL holding the invitation,
//! percent-encoded as a whole the way .NET's `HttpUtility.UrlEncode` does it (space as `+`), in
//! the language of `Accept-Language`, English by default.

use std::fmt::Write as _;

use quick_xml::escape::escape;

/// A language the invitation is available in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    /// English, the default.
    #[default]
    English,
    /// Japanese (`ja`).
    Japanese,
    /// Simplified Chinese (`zh-CN`, also `zh`, `zh-Hans`, `zh-SG`).
    SimplifiedChinese,
    /// German (`de`, any region).
    German,
}

impl Language {
    /// The tag used in `meetingOptionsWebUrl`-style links.
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en-US",
            Self::Japanese => "ja",
            Self::SimplifiedChinese => "zh-CN",
            Self::German => "de-DE",
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        let tag = tag.to_ascii_lowercase();
        let primary = tag.split('-').next().unwrap_or_default();
        match primary {
            "en" => Some(Self::English),
            "ja" => Some(Self::Japanese),
            "de" => Some(Self::German),
            // Traditional Chinese is not offered; falling back to English beats a wrong script.
            "zh" if !matches!(tag.as_str(), "zh-tw" | "zh-hk" | "zh-mo" | "zh-hant") => {
                Some(Self::SimplifiedChinese)
            }
            _ => None,
        }
    }

    /// Picks the best offered language from an `Accept-Language` value (RFC 9110 weights);
    /// English when absent, unparsable or nothing offered matches.
    pub fn negotiate(accept_language: Option<&str>) -> Self {
        let Some(header) = accept_language else {
            return Self::default();
        };
        let mut best: Option<(u16, Self)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .filter_map(|param| param.trim().strip_prefix("q="))
                .find_map(parse_weight)
                .unwrap_or(1000);
            let Some(language) = Self::from_tag(tag) else {
                continue;
            };
            // Strictly greater keeps the first of equal weights, as listed order breaks ties.
            if weight > 0 && best.is_none_or(|(best_weight, _)| weight > best_weight) {
                best = Some((weight, language));
            }
        }
        best.map_or_else(Self::default, |(_, language)| language)
    }

    fn texts(self) -> &'static Texts {
        match self {
            Self::English => &ENGLISH,
            Self::Japanese => &JAPANESE,
            Self::SimplifiedChinese => &CHINESE,
            Self::German => &GERMAN,
        }
    }
}

/// A weight `q=0.xyz` in thousandths, or `None` when not a valid qvalue.
fn parse_weight(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    // The range check makes the cast exact enough: 0..=1000.
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

struct Texts {
    join: &'static str,
    meeting_id: &'static str,
    passcode: &'static str,
    toll: &'static str,
    find_local_number: &'static str,
    learn_more: &'static str,
    meeting_options: &'static str,
}

const ENGLISH: Texts = Texts {
    join: "Join Microsoft Teams Meeting",
    meeting_id: "Meeting ID:",
    passcode: "Passcode:",
    toll: "(Toll)",
    find_local_number: "Find a local number",
    learn_more: "Learn more about Teams",
    meeting_options: "Meeting options",
};

const JAPANESE: Texts = Texts {
    join: "Microsoft Teams 会議に参加",
    meeting_id: "会議 ID:",
    passcode: "パスコード:",
    toll: "(有料)",
    find_local_number: "最寄りの国の電話番号を検索",
    learn_more: "Teams の詳細を表示",
    meeting_options: "会議のオプション",
};

const CHINESE: Texts = Texts {
    join: "加入 Microsoft Teams 会议",
    meeting_id: "会议 ID:",
    passcode: "密码:",
    toll: "(收费)",
    find_local_number: "查找本地号码",
    learn_more: "了解有关 Teams 的详细信息",
    meeting_options: "会议选项",
};

const GERMAN: Texts = Texts {
    join: "An der Besprechung in Microsoft Teams teilnehmen",
    meeting_id: "Besprechungs-ID:",
    passcode: "Kennung:",
    toll: "(Gebührenpflichtig)",
    find_local_number: "Ortsgebundene Nummer suchen",
    learn_more: "Weitere Informationen zu Teams",
    meeting_options: "Besprechungsoptionen",
};

/// The facts of a meeting that its invitation shows.
#[derive(Clone, Debug, Default)]
pub struct Invitation<'a> {
    /// The `joinWebUrl`.
    pub join_web_url: &'a str,
    /// `joinMeetingIdSettings.joinMeetingId`.
    pub join_meeting_id: &'a str,
    /// The generated passcode, when one is required.
    pub passcode: Option<&'a str>,
    /// `audioConferencing.tollNumber`.
    pub toll_number: &'a str,
    /// `audioConferencing.conferenceId`.
    pub conference_id: &'a str,
    /// `audioConferencing.dialinUrl`.
    pub dialin_url: &'a str,
    /// `meetingOptionsWebUrl`.
    pub meeting_options_url: &'a str,
}

/// The invitation as HTML in `language`.
pub fn invitation_html(language: Language, invitation: &Invitation<'_>) -> String {
    let texts = language.texts();
    let link = "class=\"me-email-link\" style=\"font-size: 12px;text-decoration: none;color: #6264a7;\" target=\"_blank\" rel=\"noreferrer noopener\"";
    let mut html = String::new();
    let _ = write!(
        html,
        "<div class=\"me-email-text\" lang=\"{lang}\">\n\
         <div style=\"margin-top: 24px; margin-bottom: 10px;\">\
         <a class=\"me-email-headline\" href=\"{url}\" target=\"_blank\" rel=\"noreferrer noopener\">{join}</a></div>\n\
         <div><a {link} href=\"tel:{toll},,{conference}#\">{toll_text}</a> <span>{toll_label}</span></div>\n\
         <div><span>{meeting_id_label}</span> <span>{meeting_id}</span></div>\n",
        lang = language.tag(),
        url = escape(invitation.join_web_url),
        join = texts.join,
        toll = escape(invitation.toll_number),
        conference = escape(invitation.conference_id),
        toll_text = escape(invitation.toll_number),
        toll_label = texts.toll,
        meeting_id_label = texts.meeting_id,
        meeting_id = escape(invitation.join_meeting_id),
    );
    if let Some(passcode) = invitation.passcode {
        let _ = writeln!(
            html,
            "<div><span>{}</span> <span>{}</span></div>",
            texts.passcode,
            escape(passcode)
        );
    }
    let _ = write!(
        html,
        "<div style=\"margin-bottom: 24px;\">\
         <a {link} href=\"{dialin}\">{find}</a> | \
         <a {link} href=\"https://aka.ms/JoinTeamsMeeting\">{learn}</a> | \
         <a {link} href=\"{options}\">{options_text}</a></div>\n</div>",
        dialin = escape(invitation.dialin_url),
        find = texts.find_local_number,
        learn = texts.learn_more,
        options = escape(invitation.meeting_options_url),
        options_text = texts.meeting_options,
    );
    html
}

/// `data:text/html,{html}`, percent-encoded as a whole (space as `+`), as Graph sends it.
pub fn join_information_content(language: Language, invitation: &Invitation<'_>) -> String {
    url_encode(&format!(
        "data:text/html,{}",
        invitation_html(language, invitation)
    ))
}

/// .NET `HttpUtility.UrlEncode`: unreserved `A-Za-z0-9-_.!*'()` kept, space as `+`, every
/// other UTF-8 byte as `%XX`.
fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_honours_weights_and_defaults_to_english() {
        assert_eq!(Language::negotiate(None), Language::English);
        assert_eq!(Language::negotiate(Some("ja")), Language::Japanese);
        assert_eq!(
            Language::negotiate(Some("zh-CN")),
            Language::SimplifiedChinese
        );
        assert_eq!(Language::negotiate(Some("de-AT")), Language::German);
        assert_eq!(
            Language::negotiate(Some("fr, ja;q=0.5, de;q=0.8")),
            Language::German
        );
        assert_eq!(Language::negotiate(Some("ja;q=0")), Language::English);
        assert_eq!(Language::negotiate(Some("zh-TW")), Language::English);
        assert_eq!(Language::negotiate(Some(";;;q=,,")), Language::English);
    }

    #[test]
    fn content_is_a_percent_encoded_data_url() {
        let invitation = Invitation {
            join_web_url: "https://teams.microsoft.com/l/meetup-join/x?a=1&b=2",
            join_meeting_id: "123456789012",
            passcode: Some("Ab3xYz"),
            ..Invitation::default()
        };
        let content = join_information_content(Language::Japanese, &invitation);
        assert!(content.starts_with("data%3Atext%2Fhtml%2C"), "{content}");
        assert!(!content.contains(' '));
        let decoded = percent_encoding::percent_decode_str(&content.replace('+', " "))
            .decode_utf8()
            .unwrap()
            .into_owned();
        assert!(decoded.contains("Microsoft Teams 会議に参加"), "{decoded}");
        assert!(decoded.contains("a=1&amp;b=2"));
        assert!(decoded.contains("Ab3xYz"));
        assert!(decoded.contains("123456789012"));
    }

    #[test]
    fn no_passcode_line_without_passcode() {
        let html = invitation_html(Language::German, &Invitation::default());
        assert!(!html.contains("Kennung"));
        assert!(html.contains("An der Besprechung in Microsoft Teams teilnehmen"));
    }

    #[test]
    fn url_encode_matches_dotnet() {
        assert_eq!(url_encode("a b/c:d'(e)*"), "a+b%2Fc%3Ad'(e)*");
        assert_eq!(url_encode("会"), "%E4%BC%9A");
    }
}
