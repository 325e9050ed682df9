//! Where the places dateline names are, for the geography fields of the GDELT exports: FIPS
//! 10-4 country code, ADM1 code, coordinates and GeoNames feature id, from
//! `data/geography.tsv` (GeoNames facts, built by scripts/build-geography.py).

use std::collections::HashMap;
use std::sync::OnceLock;

/// One place as GDELT's geography fields describe it.
#[derive(Debug, Clone, PartialEq)]
pub struct Geo {
    /// GDELT's geography type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    pub kind: u8,
    /// "Moscow, Russia", as GDELT writes full names.
    pub full_name: String,
    pub fips: String,
    pub adm1: String,
    pub latitude: String,
    pub longitude: String,
    pub feature_id: String,
}

const TABLE: &str = include_str!("../data/geography.tsv");

fn table() -> &'static HashMap<String, Geo> {
    static TABLE_BY_NAME: OnceLock<HashMap<String, Geo>> = OnceLock::new();
    TABLE_BY_NAME.get_or_init(|| {
        let rows: Vec<Vec<&str>> = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split('\t').collect())
            .filter(|r: &Vec<&str>| r.len() == 8)
            .collect();
        let country_names: HashMap<&str, &str> = rows
            .iter()
            .filter(|r| r[1] == "country")
            .map(|r| (r[2], r[0]))
            .collect();
        rows.iter()
            .filter_map(|r| {
                let kind = geo_kind(r[1], r[2])?;
                let country = country_names.get(r[2]).copied().unwrap_or("");
                let full_name = if kind == 1 || country.is_empty() {
                    r[0].to_string()
                } else {
                    format!("{}, {country}", r[0])
                };
                let geo = Geo {
                    kind,
                    full_name,
                    fips: r[3].to_string(),
                    adm1: r[4].to_string(),
                    latitude: r[5].to_string(),
                    longitude: r[6].to_string(),
                    feature_id: r[7].to_string(),
                };
                Some((r[0].to_lowercase(), geo))
            })
            .collect()
    })
}

/// The GDELT type of a place of the table's kind in a country; seas have none.
fn geo_kind(kind: &str, iso3: &str) -> Option<u8> {
    let us = iso3 == "USA";
    Some(match kind {
        "country" => 1,
        "city" | "site" if us => 3,
        "city" | "site" => 4,
        "region" if us => 2,
        "region" => 5,
        _ => return None,
    })
}

/// The place of this name (any case), when the table knows it.
pub fn place(name: &str) -> Option<&'static Geo> {
    table().get(&name.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_and_countries_have_gdelt_geography() {
        let moscow = place("Moscow").expect("Moscow");
        assert_eq!((moscow.kind, moscow.fips.as_str()), (4, "RS"));
        assert_eq!(moscow.full_name, "Moscow, Russia");
        let lat: f64 = moscow.latitude.parse().unwrap();
        assert!((55.0..56.5).contains(&lat));
        let uk = place("united kingdom").expect("United Kingdom");
        assert_eq!((uk.kind, uk.fips.as_str()), (1, "UK"));
        assert!(place("Atlantis").is_none());
    }
}
