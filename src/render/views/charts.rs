//! Bar charts drawn at build time as inline SVG: an indicator's baseline and targets, and a
//! report's tasks per status.
//!
//! The pages must work without JavaScript and under a strict CSP, so the charts are markup made
//! here from escaped parts, coloured by stylesheet classes (no `style` attributes). Each is
//! `role="img"` with a `<title>` and an `aria-label` that says the numbers in words; the table
//! next to every chart holds the same values and is the accessible equivalent.

use crate::render::html::{escape, Html};
use crate::render::latvian;
use crate::text::strip_footnote_markers;

/// A value as the document prints it, read as a number where it is one: "75%" → 75,
/// "29,72" → 29.72, "92.5%" → 92.5. Words ("Palielinās"), dashes, changes ("+10%") and
/// ratios ("11/935") are not levels a bar could show, so they are `None`.
pub fn level(printed: &str) -> Option<f64> {
    let text = strip_footnote_markers(printed);
    let number = text.trim().trim_end_matches('%').trim_end();
    let mut separators = 0;
    for (i, c) in number.char_indices() {
        match c {
            '0'..='9' => {}
            ',' | '.' if i > 0 && i + 1 < number.len() => separators += 1,
            _ => return None,
        }
    }
    if number.is_empty() || separators > 1 {
        return None;
    }
    number.replace(',', ".").parse().ok()
}

/// One column of an indicator chart: the year and the value as printed.
#[derive(Debug, Clone, Copy)]
pub struct Slot<'a> {
    pub year: &'a str,
    pub value: &'a str,
    /// The actual (baseline) value rather than a target.
    pub baseline: bool,
}

/// A column chart of an indicator row: the baseline bar, then one bar per target year, scaled
/// from zero to the largest numeric value. Values that are not numbers are written in their
/// column instead of a bar. `None` when no value is a number (the table says it all).
pub fn indicator_chart(label: &str, slots: &[Slot]) -> Option<Html> {
    const SIDE: usize = 8;
    const SLOT: usize = 80;
    const TOP: usize = 24;
    const PLOT: usize = 140;
    const BOTTOM: usize = 40;
    let levels: Vec<Option<f64>> = slots.iter().map(|s| level(s.value)).collect();
    let max = levels.iter().flatten().copied().fold(0.0_f64, f64::max);
    if levels.iter().all(Option::is_none) {
        return None;
    }
    let width = SIDE * 2 + SLOT * slots.len();
    let height = TOP + PLOT + BOTTOM;
    let axis = TOP + PLOT;
    let description = indicator_description(label, slots);
    let mut svg = format!(
        "<svg class=\"chart chart-indicator\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title>{}</title>",
        escape(&description),
        escape(&description),
    );
    for (i, (slot, level)) in slots.iter().zip(&levels).enumerate() {
        let left = SIDE + SLOT * i;
        let centre = left + SLOT / 2;
        let printed = escape(&strip_footnote_markers(slot.value));
        match level {
            Some(value) => {
                let bar = if max > 0.0 {
                    (value / max * PLOT as f64).round() as usize
                } else {
                    0
                };
                // A value above zero stays visible however small.
                let bar = bar.max(usize::from(*value > 0.0));
                let class = if slot.baseline {
                    "chart-bar chart-baseline"
                } else {
                    "chart-bar chart-target"
                };
                svg.push_str(&format!(
                    "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{bar}\"></rect><text class=\"chart-value\" x=\"{centre}\" y=\"{}\" text-anchor=\"middle\">{printed}</text>",
                    left + 16,
                    axis - bar,
                    SLOT - 32,
                    axis - bar - 6,
                ));
            }
            None => svg.push_str(&format!(
                "<text class=\"chart-note\" x=\"{centre}\" y=\"{}\" text-anchor=\"middle\">{printed}</text>",
                axis - PLOT / 2,
            )),
        }
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"{centre}\" y=\"{}\" text-anchor=\"middle\">{}</text><text class=\"chart-label chart-kind\" x=\"{centre}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            axis + 18,
            escape(slot.year),
            axis + 34,
            if slot.baseline { "fakts" } else { "mērķis" },
        ));
    }
    svg.push_str(&format!(
        "<line class=\"chart-axis\" x1=\"{SIDE}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\"></line></svg>",
        width - SIDE
    ));
    Some(Html::from_escaped(svg))
}

/// "Rādītājs: 2021. gadā fakts 75%; mērķi: 2023. gadā 80%, …".
fn indicator_description(label: &str, slots: &[Slot]) -> String {
    let say = |s: &Slot| {
        format!(
            "{}. gadā {}",
            s.year,
            strip_footnote_markers(s.value).trim()
        )
    };
    let actual: Vec<String> = slots.iter().filter(|s| s.baseline).map(say).collect();
    let targets: Vec<String> = slots.iter().filter(|s| !s.baseline).map(say).collect();
    let mut text = label.to_string();
    if !actual.is_empty() {
        text.push_str(&format!(": faktiskā vērtība {}", actual.join(", ")));
    }
    if !targets.is_empty() {
        text.push_str(&format!("; mērķi: {}", targets.join(", ")));
    }
    text
}

/// One bar of a status chart.
#[derive(Debug, Clone)]
pub struct StatusBar {
    /// The status term, or "nav norādīts".
    pub label: String,
    /// Class suffix for the colour: the status slug, or "none".
    pub slug: String,
    pub count: usize,
}

/// A horizontal bar chart of one report's tasks per status. Bars are scaled to the report's
/// total, so two reports' charts side by side compare shares; the labels give the counts.
pub fn status_chart(title: &str, bars: &[StatusBar], total: usize) -> Html {
    const LABEL: usize = 160;
    const BAR: usize = 220;
    const VALUE: usize = 90;
    const ROW: usize = 28;
    let width = LABEL + BAR + VALUE;
    let height = ROW * bars.len() + 8;
    let spoken: Vec<String> = bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.count))
        .collect();
    let description = format!(
        "{title}: {} no {}",
        spoken.join(", "),
        latvian::count(total as u64, "uzdevuma", "uzdevumiem")
    );
    let mut svg = format!(
        "<svg class=\"chart chart-status\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title>{}</title>",
        escape(&description),
        escape(&description),
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = ROW * i + 4;
        let length = (bar.count * BAR).checked_div(total).unwrap_or(0);
        let length = length.max(usize::from(bar.count > 0));
        let share = (bar.count * 100 + total / 2)
            .checked_div(total)
            .unwrap_or(0);
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"chart-bar chart-status-{}\" x=\"{LABEL}\" y=\"{y}\" width=\"{length}\" height=\"{}\"></rect><text class=\"chart-value\" x=\"{}\" y=\"{}\">{} ({share}%)</text>",
            LABEL - 8,
            y + 16,
            escape(&bar.label),
            escape(&bar.slug),
            ROW - 8,
            LABEL + length + 6,
            y + 16,
            bar.count,
        ));
    }
    svg.push_str("</svg>");
    Html::from_escaped(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_numbers_are_levels_and_words_are_not() {
        assert_eq!(level("75%"), Some(75.0));
        assert_eq!(level("29,72"), Some(29.72));
        assert_eq!(level("92.5%"), Some(92.5));
        assert_eq!(level("37%[^13]"), Some(37.0));
        assert_eq!(level("10560"), Some(10560.0));
        for text in [
            "Palielinās",
            "-",
            "- - -",
            "+10%",
            "11/935",
            "",
            "%",
            "1,2,3",
            ",5",
        ] {
            assert_eq!(level(text), None, "{text}");
        }
    }

    fn slots<'a>(values: &[&'a str]) -> Vec<Slot<'a>> {
        let years = ["2021", "2023", "2024", "2025", "2026", "2027"];
        values
            .iter()
            .zip(years)
            .enumerate()
            .map(|(i, (value, year))| Slot {
                year,
                value,
                baseline: i == 0,
            })
            .collect()
    }

    #[test]
    fn an_indicator_chart_has_bars_for_numbers_and_text_for_words() {
        let values = ["75%", "80%", "Palielinās", "- - -", "88%", "90%"];
        let svg = indicator_chart("Drošības <sajūta>", &slots(&values)).unwrap();
        let svg = svg.as_str();
        assert!(svg.starts_with("<svg class=\"chart chart-indicator\" role=\"img\" aria-label=\""));
        assert!(svg.contains("<title>Drošības &lt;sajūta&gt;: faktiskā vērtība 2021. gadā 75%"));
        assert!(svg.contains("2024. gadā Palielinās"));
        assert_eq!(svg.matches("<rect").count(), 4, "four numeric values");
        assert_eq!(svg.matches("chart-baseline").count(), 1);
        assert!(svg.contains(">Palielinās</text>"));
        assert!(svg.contains(">- - -</text>"));
        // The largest value fills the plot (140 high, from y=24); 75 of 90 is 117.
        assert!(svg.contains("y=\"24\" width=\"48\" height=\"140\""));
        assert!(svg.contains("height=\"117\""));
        assert!(!svg.contains("style"));
    }

    #[test]
    fn an_indicator_without_numbers_has_no_chart() {
        assert!(indicator_chart("x", &slots(&["-", "Palielinās"])).is_none());
        // Zero is a number: the chart shows an empty bar and its label.
        let zero = indicator_chart("x", &slots(&["0", "0"])).unwrap();
        assert!(zero.as_str().contains("height=\"0\""));
    }

    #[test]
    fn a_status_chart_scales_bars_to_the_report_total() {
        let bars = [
            StatusBar {
                label: "izpildīts".to_string(),
                slug: "izpildits".to_string(),
                count: 30,
            },
            StatusBar {
                label: "daļēji izpildīts".to_string(),
                slug: "daleji".to_string(),
                count: 3,
            },
            StatusBar {
                label: "nav norādīts".to_string(),
                slug: "none".to_string(),
                count: 0,
            },
        ];
        let svg = status_chart("Programma & ziņojums", &bars, 33);
        let svg = svg.as_str();
        assert!(svg.contains("aria-label=\"Programma &amp; ziņojums: izpildīts 30, daļēji izpildīts 3, nav norādīts 0 no 33 uzdevumiem\""));
        assert!(svg.contains(
            "class=\"chart-bar chart-status-izpildits\" x=\"160\" y=\"4\" width=\"200\""
        ));
        assert!(svg.contains(">30 (91%)</text>"));
        assert!(svg.contains(">0 (0%)</text>"));
        assert!(svg.contains("chart-status-none\" x=\"160\" y=\"60\" width=\"0\""));
        // An empty report draws no bars rather than dividing by zero.
        let empty = status_chart("x", &bars, 0);
        assert!(!empty.as_str().contains("NaN"));
    }
}
