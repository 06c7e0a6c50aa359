//! The site's security policy: the Content-Security-Policy every page declares in a `<meta>`
//! element, and the `_headers` file that carries it, with the headers a `<meta>` cannot, to
//! hosts that read one (Netlify, Cloudflare Pages). README's "Hosting" section gives the same
//! headers for nginx and Apache; a test keeps it equal to [`header_policy`].
//!
//! The pages need nothing but their own files: one stylesheet, two icons, the search page's ES
//! modules and the JSON index they fetch, and the search form. So everything else is denied
//! (`default-src 'none'`), and nothing inline is allowed: no `<script>` or `<style>` elements,
//! no `style=` or `on…=` attributes, no third-party origin. `'self'` is the origin the page was
//! served from, so the policy holds under any `--base-url` path (`/portal/`).

/// The policy in every page's `<meta http-equiv="Content-Security-Policy">`.
///
/// It leaves out `frame-ancestors`, which browsers ignore in a `<meta>` element (Chromium logs
/// an error for it): [`header_policy`] adds it for hosts that send headers.
pub const META_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'";

/// The policy as an HTTP header: the meta policy plus `frame-ancestors 'none'` (no site may show
/// the portal in a frame, so no page can be overlaid to trick a click).
pub fn header_policy() -> String {
    format!("{META_POLICY}; frame-ancestors 'none'")
}

/// The response headers every file of the site should be served with, in the order the
/// `_headers` file and the README list them.
pub fn security_headers() -> [(&'static str, String); 4] {
    [
        ("Content-Security-Policy", header_policy()),
        // For browsers that predate `frame-ancestors`.
        ("X-Frame-Options", "DENY".to_string()),
        // A data file is never run as a script or a stylesheet whatever it contains.
        ("X-Content-Type-Options", "nosniff".to_string()),
        // Search queries are in page addresses (`/meklet/?q=…`); no other site needs them.
        ("Referrer-Policy", "no-referrer".to_string()),
    ]
}

/// The `_headers` file (Netlify and Cloudflare Pages format) for a site under `base_url`: one
/// rule for every path under the site's own path, so a site published under `/portal/` does not
/// set headers for the rest of the host.
pub fn headers_file(base_url: &str) -> String {
    let mut file = String::from(
        "# Security headers for hosts that read a _headers file (Netlify, Cloudflare Pages).\n\
         # Written by planportal; README \"Hosting\" has the same for nginx and Apache.\n",
    );
    file.push_str(&format!("{}*\n", site_path(base_url)));
    for (name, value) in security_headers() {
        file.push_str(&format!("  {name}: {value}\n"));
    }
    file
}

/// The path part of the base URL: "/portal/" of "https://example.lv/portal/" or "/portal/".
fn site_path(base_url: &str) -> &str {
    match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None => base_url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_the_sites_own_files() {
        for directive in [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
        ] {
            assert!(META_POLICY.contains(directive), "{directive}");
        }
        for loophole in ["unsafe", "data:", "http", "*", "frame-ancestors"] {
            assert!(!META_POLICY.contains(loophole), "{loophole}");
        }
        // Printed unescaped into `content="…"`.
        assert!(!META_POLICY.contains(['"', '<', '&']));
        assert!(header_policy().ends_with("; frame-ancestors 'none'"));
    }

    #[test]
    fn the_headers_file_covers_the_sites_path_only() {
        let file = headers_file("/portal/");
        let lines: Vec<&str> = file.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines[0], "/portal/*");
        assert_eq!(
            lines[1],
            format!("  Content-Security-Policy: {}", header_policy())
        );
        assert!(lines.contains(&"  X-Content-Type-Options: nosniff"));
        assert!(lines.contains(&"  Referrer-Policy: no-referrer"));
        assert!(lines.contains(&"  X-Frame-Options: DENY"));
        assert!(headers_file("/").contains("\n/*\n"));
        assert!(headers_file("https://example.lv/portal/").contains("\n/portal/*\n"));
        assert!(headers_file("https://example.lv/").contains("\n/*\n"));
    }
}
