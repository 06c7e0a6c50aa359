//! Views of the site-wide pages that belong to no family: search, the 404 page, and editorial
//! pages from `content/pages/`.

use super::{Link, Page, PageHead, Pages};
use crate::render::html::{markdown, Html};
use crate::resolve::urls;
use serde::Serialize;

/// The browse pages, for the search placeholder and the 404 page.
#[derive(Debug, Clone, Serialize)]
pub struct BrowseView {
    pub links: Vec<Link>,
}

/// The search page: the browse links shown without JavaScript, and what the script loads.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    pub links: Vec<Link>,
    /// Site-absolute URL of the index manifest.
    pub manifest_url: String,
    /// Site-absolute URL of the page's ES module.
    pub script_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EditorialView {
    pub body: Html,
    /// On the "Par portālu" page only: the documents the portal holds, each by its title and
    /// linked to its plan page, so the page says what the data are and (with the build date the
    /// template adds) how current they are.
    pub documents: Vec<Link>,
}

impl Pages<'_> {
    fn browse(&self) -> BrowseView {
        let links = [
            ("Plāni", ""),
            ("Iestādes", urls::INSTITUTIONS),
            ("Termiņi", urls::DEADLINES),
            ("Izpildes statuss", urls::STATUS),
            ("Saīsinājumi", urls::GLOSSARY),
        ];
        BrowseView {
            links: links
                .into_iter()
                .map(|(text, url)| Link {
                    text: text.to_string(),
                    url: self.url(url),
                })
                .collect(),
        }
    }

    /// `manifest_url` and `script_url` are site-absolute.
    pub fn search(&self) -> (PageHead, SearchView) {
        let head = PageHead {
            title: "Meklēt".to_string(),
            crumb: "Meklēt".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "meklet",
        };
        let view = SearchView {
            links: self.browse().links,
            manifest_url: self.search.manifest.clone(),
            script_url: self.search.script.clone(),
        };
        (head, view)
    }

    pub fn not_found(&self) -> (PageHead, BrowseView) {
        let head = PageHead {
            title: "Lapa nav atrasta".to_string(),
            crumb: "Lapa nav atrasta".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "",
        };
        (head, self.browse())
    }

    pub fn editorial(&self, page: &crate::content::Page) -> (PageHead, EditorialView) {
        let head = PageHead {
            title: page.meta.title.clone(),
            crumb: page.meta.title.clone(),
            breadcrumbs: vec![self.home_crumb()],
            section: "",
        };
        let documents = if page.slug == super::ABOUT_PAGE {
            self.library
                .plans
                .iter()
                .map(|plan| Link {
                    text: super::plain_title(&plan.title),
                    url: self.url(&urls::plan(&plan.slug)),
                })
                .collect()
        } else {
            Vec::new()
        };
        let view = EditorialView {
            body: markdown(&page.markdown, self.base),
            documents,
        };
        (head, view)
    }
}

/// The search page.
pub(in crate::render) fn search<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::at(urls::SEARCH, move || pages.search())]
}

/// One page per editorial page of `content/pages/`.
pub(in crate::render) fn editorial<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .content
        .pages
        .iter()
        .map(|page| Page::at(&urls::editorial(&page.slug), move || pages.editorial(page)))
        .collect()
}

/// The page a server shows for a missing path.
pub(in crate::render) fn not_found<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::file(urls::NOT_FOUND, || pages.not_found())]
}
