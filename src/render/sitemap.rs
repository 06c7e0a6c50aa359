//! `sitemap.xml` and `robots.txt`: how search engines find every page.
//!
//! The sitemap protocol wants absolute URLs, so the sitemap is written only when the site is
//! built with its full address (`--base-url https://host/path/`); `robots.txt` is always written
//! and names the sitemap when there is one. Crawlers read `robots.txt` only at a host's root, so
//! a site published under a sub-path has its own copied there by the host's owner (README,
//! "Hosting").

use super::html::escape as xml_escape;
use crate::output::Site;
use crate::resolve::urls;
use anyhow::Result;

/// The pages a sitemap lists: every `index.html` of the site (each page is a folder URL), in
/// path order; the 404 page is not a page to find.
pub(super) fn page_urls(site: &Site) -> Vec<String> {
    site.paths()
        .into_iter()
        .filter_map(|path| path.strip_suffix("index.html"))
        .filter(|folder| folder.is_empty() || folder.ends_with('/'))
        .map(str::to_string)
        .collect()
}

/// Writes `robots.txt`, and `sitemap.xml` when `site_url` (the full address) is known.
pub(super) fn write(site: &mut Site, site_url: Option<&str>) -> Result<()> {
    let mut robots = String::from(
        "# Written by planportal. Every page may be crawled.\n\
         User-agent: *\n\
         Allow: /\n",
    );
    if let Some(site_url) = site_url {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in page_urls(site) {
            xml.push_str(&format!(
                "<url><loc>{}</loc></url>\n",
                xml_escape(&format!("{site_url}{path}"))
            ));
        }
        xml.push_str("</urlset>\n");
        site.add(urls::SITEMAP, xml)?;
        robots.push_str(&format!("\nSitemap: {site_url}{}\n", urls::SITEMAP));
    }
    site.add(urls::ROBOTS, robots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let mut site = Site::default();
        for path in [
            "index.html",
            "404.html",
            "plani/a/index.html",
            "plani/a/pasakumi/1.1/index.html",
            "static/style.css",
            "data/measures.csv",
        ] {
            site.add(path, "x").unwrap();
        }
        site
    }

    #[test]
    fn the_sitemap_lists_every_page_and_robots_names_it() {
        let mut site = site();
        write(&mut site, Some("https://example.lv/portals/")).unwrap();
        let xml = site.text("sitemap.xml").unwrap();
        let locs: Vec<&str> = xml
            .lines()
            .filter_map(|l| l.strip_prefix("<url><loc>"))
            .map(|l| l.trim_end_matches("</loc></url>"))
            .collect();
        assert_eq!(
            locs,
            [
                "https://example.lv/portals/",
                "https://example.lv/portals/plani/a/",
                "https://example.lv/portals/plani/a/pasakumi/1.1/",
            ]
        );
        assert!(site
            .text("robots.txt")
            .unwrap()
            .ends_with("\nSitemap: https://example.lv/portals/sitemap.xml\n"));
    }

    #[test]
    fn without_the_full_address_there_is_no_sitemap_but_robots_txt() {
        let mut site = site();
        write(&mut site, None).unwrap();
        assert!(site.text("sitemap.xml").is_none());
        let robots = site.text("robots.txt").unwrap();
        assert!(robots.contains("User-agent: *\nAllow: /\n"));
        assert!(!robots.contains("Sitemap"));
    }
}
