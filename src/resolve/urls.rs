//! Site-relative URLs of every page kind (no leading slash; prefix with the base URL): the one
//! place page URLs are defined, so a page and every link to it always agree.

pub fn plan(plan: &str) -> String {
    format!("plani/{plan}/")
}
pub fn direction(plan: &str, direction: &str) -> String {
    format!("plani/{plan}/virzieni/{direction}/")
}
pub fn measure(plan: &str, measure: &str) -> String {
    format!("plani/{plan}/pasakumi/{measure}/")
}
/// A strategy's policy area ("1") or priority horizontal goal ("H1").
pub fn area(plan: &str, area: &str) -> String {
    format!("plani/{plan}/jomas/{area}/")
}
/// A strategy's key indicator by its id ("1.1.2").
pub fn indicator(plan: &str, indicator: &str) -> String {
    format!("plani/{plan}/raditaji/{indicator}/")
}
/// A report's narrative chapter by its Roman numeral ("IV").
pub fn chapter(plan: &str, chapter: &str) -> String {
    format!("plani/{plan}/nodalas/{chapter}/")
}
pub fn institution(slug: &str) -> String {
    format!("iestades/{slug}/")
}
pub const INSTITUTIONS: &str = "iestades/";
/// The folder of group pages under [`INSTITUTIONS`]; no institution gets it as its slug.
pub const GROUPS_SEGMENT: &str = "grupas";
/// A group of institutions ("Pašvaldības") by its slug.
pub fn group(slug: &str) -> String {
    format!("{INSTITUTIONS}{GROUPS_SEGMENT}/{slug}/")
}
/// An editorial page of `content/pages/` ("pieejamiba").
pub fn editorial(slug: &str) -> String {
    format!("{slug}/")
}
/// The source viewer of a seed file ("000_x.txt" → "avoti/000_x/"); lines are `#L<n>`.
pub fn source(file: &str) -> String {
    let stem = file.strip_suffix(".txt").unwrap_or(file);
    format!("avoti/{stem}/")
}
pub fn deadline_year(year: i32) -> String {
    format!("termini/{year}/")
}
pub const DEADLINES: &str = "termini/";
/// Every change between the editions of every plan, newest first.
pub const CHANGES: &str = "izmainas/";
/// The Atom feed of the plans' changes, one entry per new edition.
pub const CHANGES_FEED: &str = "izmainas/atom.xml";
/// A plan's changes between its editions, newest edition first.
pub fn plan_changes(plan: &str) -> String {
    format!("plani/{plan}/izmainas/")
}
/// The Atom feed of the plans.
pub const PLANS_FEED: &str = "plani/atom.xml";
/// The Atom feed of measures by deadline, next deadlines first.
pub const DEADLINES_FEED: &str = "termini/atom.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const STATUS: &str = "statuss/";
pub const GLOSSARY: &str = "saisinajumi/";
pub const SEARCH: &str = "meklet/";
/// The page a server shows for a missing path (a file, not a folder).
pub const NOT_FOUND: &str = "404.html";
pub const DATA: &str = "data/";
/// The "Dati" page describing the open data.
pub const DATA_PAGE: &str = "dati/";
pub const BUDGET: &str = "budzets/";
pub fn plan_budget(plan: &str) -> String {
    format!("plani/{plan}/budzets/")
}
/// A budget programme by its code: "06.01.00" → `budzets/programmas/06-01-00/`.
pub fn programme(code: &str) -> String {
    format!("budzets/programmas/{}/", code.replace('.', "-"))
}
pub fn ministry(slug: &str) -> String {
    format!("budzets/ministrijas/{slug}/")
}
