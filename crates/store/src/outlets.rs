//! Which outlet published an article, as one key per outlet: the url's registered domain
//! (`news.antiwar.com` and `antiwar.com` are one outlet, `bbc.co.uk` is not `co.uk`), else the
//! outlet's name as given, else the file the article came from. Events count their sources by
//! this key, as GDELT counts an event's sources by domain.

use dateline_core::Record;

/// Suffixes under which every name is a separate site (`x.blogspot.com`).
const SHARED_HOSTS: &str = include_str!("../data/public_suffixes.txt");

/// Generic second-level labels a country code registers names under (`co.uk`, `com.pk`).
const COUNTRY_SECOND_LEVELS: &[&str] = &[
    "co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gv", "nic", "info", "biz",
    "news", "tv",
];

/// The outlet key of a record.
pub fn source_key(record: &Record) -> String {
    if let Some(domain) = record.source.url.as_deref().and_then(registered_domain) {
        return domain;
    }
    if let Some(outlet) = record.source.outlet.as_deref().map(str::trim) {
        if !outlet.is_empty() {
            return outlet.to_lowercase();
        }
    }
    match &record.source.path {
        Some(path) => format!("file:{path}"),
        None => format!("record:{}", record.id),
    }
}

/// The registered domain of a url's host: the name a site registered under its public suffix.
pub fn registered_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 || labels.iter().all(|l| l.chars().all(|c| c.is_ascii_digit())) {
        return (!host.is_empty()).then_some(host);
    }
    let keep = suffix_labels(&labels) + 1;
    let start = labels.len().saturating_sub(keep);
    Some(labels[start..].join("."))
}

/// How many labels at the end of a host form its public suffix.
fn suffix_labels(labels: &[&str]) -> usize {
    let n = labels.len();
    for shared in SHARED_HOSTS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let parts = shared.split('.').count();
        if n > parts && labels[n - parts..].join(".") == shared {
            return parts;
        }
    }
    let country = labels[n - 1].len() == 2;
    if country && n > 2 && COUNTRY_SECOND_LEVELS.contains(&labels[n - 2]) {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_registered_domain() {
        for (url, domain) in [
            (
                "https://www.irishtimes.com/world/2022/07/29/x/",
                "irishtimes.com",
            ),
            ("https://news.antiwar.com/2022/07/28/x/", "antiwar.com"),
            (
                "http://europe.chinadaily.com.cn/world/x.htm",
                "chinadaily.com.cn",
            ),
            ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
            ("https://www.thenews.com.pk/print/1", "thenews.com.pk"),
            ("https://en.apa.az/media/x", "apa.az"),
            (
                "https://thefrontpagenews.blogspot.com/2016/09/x.html",
                "thefrontpagenews.blogspot.com",
            ),
            ("https://user@Example.ORG:8080/path", "example.org"),
            ("http://127.0.0.1/x", "127.0.0.1"),
            ("localhost", "localhost"),
        ] {
            assert_eq!(registered_domain(url).as_deref(), Some(domain), "{url}");
        }
    }
}
